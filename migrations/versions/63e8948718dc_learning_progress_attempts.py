"""Learning: enrolments in course versions, module progress, quiz attempts (one open per learner and quiz).

Revision ID: 63e8948718dc
Revises: 85764ac71b04
Create Date: 2026-11-22 12:20:58.459450

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '63e8948718dc'
down_revision = '85764ac71b04'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('enrolment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('course_version_id', sa.Integer(), nullable=False),
    sa.Column('enrolled_at', sa.DateTime(), nullable=False),
    sa.Column('completed_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['course_id'], ['course.id'], name=op.f('fk_enrolment_course_id_course')),
    sa.ForeignKeyConstraint(['course_version_id'], ['course_version.id'], name=op.f('fk_enrolment_course_version_id_course_version')),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_enrolment_user_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enrolment')),
    sa.UniqueConstraint('user_id', 'course_version_id', name='uq_enrolment_user_version')
    )
    with op.batch_alter_table('enrolment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_enrolment_course_id'), ['course_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_enrolment_course_version_id'), ['course_version_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_enrolment_user_id'), ['user_id'], unique=False)

    op.create_table('module_progress',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('enrolment_id', sa.Integer(), nullable=False),
    sa.Column('module_key', sa.String(length=64), nullable=False),
    sa.Column('completed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['enrolment_id'], ['enrolment.id'], name=op.f('fk_module_progress_enrolment_id_enrolment')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_module_progress')),
    sa.UniqueConstraint('enrolment_id', 'module_key', name='uq_module_progress_enrolment_module')
    )
    with op.batch_alter_table('module_progress', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_module_progress_enrolment_id'), ['enrolment_id'], unique=False)

    op.create_table('quiz_attempt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('enrolment_id', sa.Integer(), nullable=False),
    sa.Column('quiz_version_id', sa.Integer(), nullable=False),
    sa.Column('quiz_key', sa.String(length=64), nullable=False),
    sa.Column('module_key', sa.String(length=64), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('deadline', sa.DateTime(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.Column('closed_reason', sa.String(length=16), nullable=True),
    sa.Column('settings', sa.JSON(), nullable=False),
    sa.Column('questions', sa.JSON(), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('score', sa.Double(), nullable=True),
    sa.Column('passed', sa.Boolean(), nullable=True),
    sa.Column('results', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['enrolment_id'], ['enrolment.id'], name=op.f('fk_quiz_attempt_enrolment_id_enrolment')),
    sa.ForeignKeyConstraint(['quiz_version_id'], ['quiz_version.id'], name=op.f('fk_quiz_attempt_quiz_version_id_quiz_version')),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_quiz_attempt_user_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quiz_attempt')),
    sa.UniqueConstraint('enrolment_id', 'quiz_key', 'number', name='uq_quiz_attempt_enrolment_quiz_number')
    )
    with op.batch_alter_table('quiz_attempt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quiz_attempt_enrolment_id'), ['enrolment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_quiz_attempt_user_id'), ['user_id'], unique=False)
        batch_op.create_index('uq_quiz_attempt_one_open', ['enrolment_id', 'quiz_key'], unique=True, sqlite_where=sa.text('submitted_at IS NULL'), postgresql_where=sa.text('submitted_at IS NULL'))



def downgrade():
    with op.batch_alter_table('quiz_attempt', schema=None) as batch_op:
        batch_op.drop_index('uq_quiz_attempt_one_open', sqlite_where=sa.text('submitted_at IS NULL'), postgresql_where=sa.text('submitted_at IS NULL'))
        batch_op.drop_index(batch_op.f('ix_quiz_attempt_user_id'))
        batch_op.drop_index(batch_op.f('ix_quiz_attempt_enrolment_id'))

    op.drop_table('quiz_attempt')
    with op.batch_alter_table('module_progress', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_module_progress_enrolment_id'))

    op.drop_table('module_progress')
    with op.batch_alter_table('enrolment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_enrolment_user_id'))
        batch_op.drop_index(batch_op.f('ix_enrolment_course_version_id'))
        batch_op.drop_index(batch_op.f('ix_enrolment_course_id'))

    op.drop_table('enrolment')

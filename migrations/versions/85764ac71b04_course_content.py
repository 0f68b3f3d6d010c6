"""Course content: published versions with their files, rendered modules and quizzes; drafts; focal points need a ministry.

Revision ID: 85764ac71b04
Revises: 664da40348c4
Create Date: 2026-11-22 11:50:04.528454

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '85764ac71b04'
down_revision = '664da40348c4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('content_blob',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_content_blob'))
    )
    op.create_table('course',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('current_version_id', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_course')),
    sa.UniqueConstraint('slug', name=op.f('uq_course_slug'))
    )
    op.create_table('course_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.Column('default_language', sa.String(length=8), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('titles', sa.JSON(), nullable=False),
    sa.Column('summaries', sa.JSON(), nullable=False),
    sa.Column('audience', sa.String(length=32), nullable=False),
    sa.Column('estimated_hours', sa.Double(), nullable=False),
    sa.Column('pass_mark', sa.Integer(), nullable=False),
    sa.Column('completion', sa.String(length=32), nullable=False),
    sa.Column('certificate_validity_months', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['course_id'], ['course.id'], name=op.f('fk_course_version_course_id_course')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_course_version_created_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_course_version')),
    sa.UniqueConstraint('course_id', 'number', name='uq_course_version_course_number')
    )
    with op.batch_alter_table('course_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_course_version_course_id'), ['course_id'], unique=False)

    op.create_table('module_draft',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('path', sa.String(length=255), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['course_id'], ['course.id'], name=op.f('fk_module_draft_course_id_course')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user_account.id'], name=op.f('fk_module_draft_updated_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_module_draft')),
    sa.UniqueConstraint('course_id', 'path', name='uq_module_draft_course_path')
    )
    with op.batch_alter_table('module_draft', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_module_draft_course_id'), ['course_id'], unique=False)

    # course and course_version point at each other: the second key is added once both exist.
    with op.batch_alter_table('course', schema=None) as batch_op:
        batch_op.create_foreign_key('fk_course_current_version_id_course_version', 'course_version', ['current_version_id'], ['id'])

    op.create_table('course_file',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('path', sa.String(length=255), nullable=False),
    sa.Column('blob_sha256', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['blob_sha256'], ['content_blob.sha256'], name=op.f('fk_course_file_blob_sha256_content_blob')),
    sa.ForeignKeyConstraint(['version_id'], ['course_version.id'], name=op.f('fk_course_file_version_id_course_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_course_file')),
    sa.UniqueConstraint('version_id', 'path', name='uq_course_file_version_path')
    )
    with op.batch_alter_table('course_file', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_course_file_blob_sha256'), ['blob_sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_course_file_version_id'), ['version_id'], unique=False)

    op.create_table('module_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('course_version_id', sa.Integer(), nullable=False),
    sa.Column('module_key', sa.String(length=64), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('phase', sa.String(length=32), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('objectives', sa.JSON(), nullable=False),
    sa.Column('guidelines', sa.JSON(), nullable=False),
    sa.Column('principles', sa.JSON(), nullable=False),
    sa.Column('html', sa.Text(), nullable=False),
    sa.Column('file_path', sa.String(length=255), nullable=False),
    sa.Column('file_version', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['course_version_id'], ['course_version.id'], name=op.f('fk_module_version_course_version_id_course_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_module_version')),
    sa.UniqueConstraint('course_version_id', 'module_key', 'language', name='uq_module_version_key_language')
    )
    with op.batch_alter_table('module_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_module_version_course_version_id'), ['course_version_id'], unique=False)

    op.create_table('quiz_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('course_version_id', sa.Integer(), nullable=False),
    sa.Column('quiz_key', sa.String(length=64), nullable=False),
    sa.Column('module_key', sa.String(length=64), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('settings', sa.JSON(), nullable=False),
    sa.Column('questions', sa.JSON(), nullable=False),
    sa.Column('file_path', sa.String(length=255), nullable=False),
    sa.Column('file_version', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['course_version_id'], ['course_version.id'], name=op.f('fk_quiz_version_course_version_id_course_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quiz_version')),
    sa.UniqueConstraint('course_version_id', 'quiz_key', 'language', name='uq_quiz_version_key_language')
    )
    with op.batch_alter_table('quiz_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quiz_version_course_version_id'), ['course_version_id'], unique=False)

    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.create_check_constraint(op.f('ck_user_account_focal_point_has_ministry'), "role <> 'focal_point' OR ministry_id IS NOT NULL")


def downgrade():
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_user_account_focal_point_has_ministry'), type_='check')

    with op.batch_alter_table('course', schema=None) as batch_op:
        batch_op.drop_constraint('fk_course_current_version_id_course_version', type_='foreignkey')

    with op.batch_alter_table('quiz_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quiz_version_course_version_id'))

    op.drop_table('quiz_version')
    with op.batch_alter_table('module_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_module_version_course_version_id'))

    op.drop_table('module_version')
    with op.batch_alter_table('course_file', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_course_file_version_id'))
        batch_op.drop_index(batch_op.f('ix_course_file_blob_sha256'))

    op.drop_table('course_file')
    with op.batch_alter_table('module_draft', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_module_draft_course_id'))

    op.drop_table('module_draft')
    with op.batch_alter_table('course_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_course_version_course_id'))

    op.drop_table('course_version')
    op.drop_table('course')
    op.drop_table('content_blob')

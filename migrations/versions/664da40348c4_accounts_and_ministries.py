"""Accounts and ministries: the tables every later feature points at.

Revision ID: 664da40348c4
Revises: 
Create Date: 2026-11-22 11:25:44.597244

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '664da40348c4'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('ministry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('country_code', sa.String(length=2), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('status', sa.Enum('approved', 'pending', name='ministrystatus', native_enum=False, length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ministry')),
    sa.UniqueConstraint('country_code', 'name', name='uq_ministry_country_name')
    )
    with op.batch_alter_table('ministry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ministry_country_code'), ['country_code'], unique=False)

    op.create_table('user_account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('country_code', sa.String(length=2), nullable=True),
    sa.Column('ministry_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.String(length=200), nullable=False),
    sa.Column('preferred_language', sa.String(length=8), nullable=False),
    sa.Column('role', sa.Enum('learner', 'trainer', 'focal_point', 'admin', name='role', native_enum=False, length=16), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('session_token', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_login_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['ministry_id'], ['ministry.id'], name=op.f('fk_user_account_ministry_id_ministry')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_account')),
    sa.UniqueConstraint('email', name=op.f('uq_user_account_email'))
    )
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_account_ministry_id'), ['ministry_id'], unique=False)



def downgrade():
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_account_ministry_id'))

    op.drop_table('user_account')
    with op.batch_alter_table('ministry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ministry_country_code'))

    op.drop_table('ministry')

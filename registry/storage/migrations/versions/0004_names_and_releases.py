"""a country's preferred name, names as written, the naming convention, releases of the public data

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 15:45:08.958198
"""

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('country_name',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('country', sa.String(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.CheckConstraint('length(country) = 2 AND upper(country) = country', name='country_name_iso2'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('country', name='country_name_once')
    )
    op.create_table('release',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('released_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('last_change', sa.Integer(), nullable=True),
    sa.Column('document', sa.Text(), nullable=False),
    sa.CheckConstraint('number > 0', name='release_number_positive'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('number')
    )
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.add_column(sa.Column('written_as', sa.String(), nullable=False, server_default=''))

    with op.batch_alter_table('alliance', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name_convention', sa.String(), nullable=False, server_default='un'))
        batch_op.create_check_constraint('alliance_name_convention', "name_convention IN ('un', 'iso', 'cldr')")



def downgrade() -> None:
    with op.batch_alter_table('alliance', schema=None) as batch_op:
        batch_op.drop_constraint('alliance_name_convention', type_='check')
        batch_op.drop_column('name_convention')

    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.drop_column('written_as')

    op.drop_table('release')
    op.drop_table('country_name')

"""session outcomes, targets, commitments, indicators

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 14:51:32.222053
"""

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting', sa.String(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('instrument', sa.String(), nullable=True),
    sa.Column('source', sa.Text(), nullable=False),
    sa.CheckConstraint("kind IN ('declaration', 'decision', 'statement', 'communique')", name='decision_kind'),
    sa.CheckConstraint('number > 0', name='decision_number_positive'),
    sa.ForeignKeyConstraint(['instrument'], ['instrument.slug'], ),
    sa.ForeignKeyConstraint(['meeting'], ['meeting.slug'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('meeting', 'number', name='decision_number_once')
    )
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_meeting'), ['meeting'], unique=False)

    op.create_table('document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting', sa.String(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('dated', sa.Date(), nullable=True),
    sa.Column('url', sa.String(), nullable=False),
    sa.CheckConstraint("kind IN ('agenda', 'report', 'participants', 'other')", name='document_kind'),
    sa.ForeignKeyConstraint(['meeting'], ['meeting.slug'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_meeting'), ['meeting'], unique=False)

    op.create_table('target',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(), nullable=False),
    sa.Column('instrument', sa.String(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.CheckConstraint("kind IN ('policy-target', 'operational-goal')", name='target_kind'),
    sa.ForeignKeyConstraint(['instrument'], ['instrument.slug'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('target', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_target_slug'), ['slug'], unique=True)

    op.create_table('commitment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('country', sa.String(), nullable=False),
    sa.Column('target', sa.String(), nullable=False),
    sa.Column('cycle', sa.String(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.CheckConstraint("status IN ('announced', 'in-progress', 'done')", name='commitment_status'),
    sa.CheckConstraint('length(country) = 2 AND upper(country) = country', name='commitment_country_iso2'),
    sa.ForeignKeyConstraint(['target'], ['target.slug'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('commitment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_commitment_country'), ['country'], unique=False)
        batch_op.create_index(batch_op.f('ix_commitment_target'), ['target'], unique=False)

    op.create_table('indicator',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(), nullable=False),
    sa.Column('target', sa.String(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('unit', sa.String(), nullable=False),
    sa.Column('growth_percent', sa.Float(), nullable=True),
    sa.Column('source', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['target'], ['target.slug'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_slug'), ['slug'], unique=True)

    op.create_table('indicator_value',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator', sa.String(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['indicator'], ['indicator.slug'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('indicator', 'year', name='indicator_value_once_a_year')
    )
    with op.batch_alter_table('indicator_value', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_value_indicator'), ['indicator'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('indicator_value', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_value_indicator'))

    op.drop_table('indicator_value')
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_slug'))

    op.drop_table('indicator')
    with op.batch_alter_table('commitment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_commitment_target'))
        batch_op.drop_index(batch_op.f('ix_commitment_country'))

    op.drop_table('commitment')
    with op.batch_alter_table('target', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_target_slug'))

    op.drop_table('target')
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_meeting'))

    op.drop_table('document')
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_meeting'))

    op.drop_table('decision')

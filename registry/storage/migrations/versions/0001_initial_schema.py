"""initial schema: instruments, participation, meetings, reports, change log

Revision ID: 0001
Revises: 
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('by', sa.String(), nullable=False),
    sa.Column('what', sa.String(), nullable=False),
    sa.Column('entity', sa.String(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.Column('country', sa.String(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('before', sa.Text(), nullable=True),
    sa.Column('after', sa.Text(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_change_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_change_country'), ['country'], unique=False)

    op.create_table('instrument',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('adopted', sa.Date(), nullable=False),
    sa.Column('place', sa.String(), nullable=False),
    sa.Column('issuer', sa.String(), nullable=False),
    sa.Column('citation', sa.String(), nullable=False),
    sa.CheckConstraint('length(slug) > 0', name='slug_not_empty'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('instrument', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_instrument_slug'), ['slug'], unique=True)

    op.create_table('meeting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('starts', sa.Date(), nullable=False),
    sa.Column('ends', sa.Date(), nullable=False),
    sa.Column('city', sa.String(), nullable=False),
    sa.Column('host', sa.String(), nullable=True),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('outcome', sa.String(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.CheckConstraint("(kind = 'conference') = (number IS NOT NULL)", name='conference_has_number'),
    sa.CheckConstraint("kind IN ('conference', 'meeting')", name='meeting_kind'),
    sa.CheckConstraint("status IN ('scheduled', 'held', 'cancelled')", name='meeting_status'),
    sa.CheckConstraint('ends >= starts', name='meeting_dates_in_order'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('number')
    )
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_slug'), ['slug'], unique=True)

    op.create_table('report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('country', sa.String(), nullable=False),
    sa.Column('cycle', sa.String(), nullable=False),
    sa.Column('received', sa.Date(), nullable=False),
    sa.Column('url', sa.String(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.CheckConstraint('length(country) = 2 AND upper(country) = country', name='report_country_iso2'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('country', 'cycle', name='report_once_per_cycle')
    )
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_country'), ['country'], unique=False)

    op.create_table('action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('instrument', sa.String(), nullable=False),
    sa.Column('country', sa.String(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('evidence', sa.String(), nullable=False),
    sa.Column('meeting', sa.String(), nullable=True),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.CheckConstraint("evidence IN ('meeting', 'letter', 'notification', 'other')", name='action_evidence'),
    sa.CheckConstraint("kind IN ('endorsement', 'signature', 'accession', 'principles', 're-accession', 'withdrawal')", name='action_kind'),
    sa.CheckConstraint('length(country) = 2 AND upper(country) = country', name='action_country_iso2'),
    sa.ForeignKeyConstraint(['instrument'], ['instrument.slug'], ),
    sa.ForeignKeyConstraint(['meeting'], ['meeting.slug'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_country'), ['country'], unique=False)
        batch_op.create_index('ix_action_instrument_country_date', ['instrument', 'country', 'date'], unique=False)

    op.create_table('alliance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('short_name', sa.String(), nullable=False),
    sa.Column('founding_instrument', sa.String(), nullable=True),
    sa.Column('announcement_due', sa.Date(), nullable=True),
    sa.Column('first_report_due', sa.Date(), nullable=True),
    sa.Column('report_interval_years', sa.Integer(), nullable=False),
    sa.Column('first_conference_by', sa.Date(), nullable=True),
    sa.Column('conference_interval_years', sa.Integer(), nullable=False),
    sa.Column('records_kept_since', sa.Date(), nullable=True),
    sa.Column('contact', sa.String(), nullable=False),
    sa.CheckConstraint('id = 1', name='single_row'),
    sa.ForeignKeyConstraint(['founding_instrument'], ['instrument.slug'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('attendance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting', sa.String(), nullable=False),
    sa.Column('country', sa.String(), nullable=False),
    sa.CheckConstraint('length(country) = 2 AND upper(country) = country', name='attendance_country_iso2'),
    sa.ForeignKeyConstraint(['meeting'], ['meeting.slug'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('meeting', 'country', name='attendance_once')
    )
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_country'), ['country'], unique=False)
        batch_op.create_index(batch_op.f('ix_attendance_meeting'), ['meeting'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_meeting'))
        batch_op.drop_index(batch_op.f('ix_attendance_country'))

    op.drop_table('attendance')
    op.drop_table('alliance')
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.drop_index('ix_action_instrument_country_date')
        batch_op.drop_index(batch_op.f('ix_action_country'))

    op.drop_table('action')
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_country'))

    op.drop_table('report')
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_slug'))

    op.drop_table('meeting')
    with op.batch_alter_table('instrument', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_instrument_slug'))

    op.drop_table('instrument')
    with op.batch_alter_table('change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_change_country'))
        batch_op.drop_index(batch_op.f('ix_change_at'))

    op.drop_table('change')

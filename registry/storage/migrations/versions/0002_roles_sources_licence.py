"""attendance roles and sources, report sources, note verbale, the data licence

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

OLD_EVIDENCE = "evidence IN ('meeting', 'letter', 'notification', 'other')"
NEW_EVIDENCE = "evidence IN ('meeting', 'letter', 'note-verbale', 'notification', 'other')"


def upgrade() -> None:
    with op.batch_alter_table('alliance', schema=None) as batch_op:
        batch_op.add_column(sa.Column('licence', sa.String(), nullable=False, server_default='CC-BY-4.0'))
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.add_column(sa.Column('role', sa.String(), nullable=False, server_default='delegation'))
        batch_op.add_column(sa.Column('source', sa.Text(), nullable=False, server_default=''))
        batch_op.create_check_constraint(
            'attendance_role', "role IN ('delegation', 'observer', 'organisation')")
    # The European Union attends as an organisation, not as a delegation of a state.
    op.execute("UPDATE attendance SET role = 'organisation' WHERE country = 'EU'")
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source', sa.Text(), nullable=False, server_default=''))
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.drop_constraint('action_evidence', type_='check')
        batch_op.create_check_constraint('action_evidence', NEW_EVIDENCE)


def downgrade() -> None:
    op.execute("UPDATE action SET evidence = 'other' WHERE evidence = 'note-verbale'")
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.drop_constraint('action_evidence', type_='check')
        batch_op.create_check_constraint('action_evidence', OLD_EVIDENCE)
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.drop_column('source')
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.drop_constraint('attendance_role', type_='check')
        batch_op.drop_column('source')
        batch_op.drop_column('role')
    with op.batch_alter_table('alliance', schema=None) as batch_op:
        batch_op.drop_column('licence')

"""Alembic environment for the portal: runs on the connection ``portal.db.create_schema`` hands over.

From a developer's shell (``alembic -c portal/migrations/alembic.ini revision --autogenerate``)
it opens ``sqlalchemy.url`` instead.
"""

from alembic import context

from portal import models  # noqa: F401  (registers the tables)
from portal.db import Base

target_metadata = Base.metadata
connection = context.config.attributes.get("connection")

if connection is None:
    from sqlalchemy import create_engine

    url = context.config.get_main_option("sqlalchemy.url") or "sqlite:///portal-dev-migrations.db"
    connection = create_engine(url).connect()

context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()

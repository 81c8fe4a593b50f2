"""Sessions in the database, where a database out of reach stays a 503."""

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import UpdateError
from django.db import InterfaceError, OperationalError


class SessionStore(db.SessionStore):
    def save(self, must_create=False):
        try:
            super().save(must_create)
        except UpdateError as error:
            # Django reads any database error on saving as "the session was deleted meanwhile"
            # and answers 400; a database out of reach is the 503 page's to answer.
            if isinstance(error.__context__, OperationalError | InterfaceError):
                raise error.__context__ from None
            raise

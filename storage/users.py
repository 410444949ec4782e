"""Users of the review app, their passwords (argon2) and their signed-in sessions.

Roles nest: a reviewer reviews; an analyst also sees models and reports; an admin also manages
users and decides escalated items. Repeated failed logins lock a name for a while, and so do
many failures from one client address, whatever names it tries.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from storage import audit
from storage.models import User, WebSession, utcnow

ROLES = ("reviewer", "analyst", "admin")
# Names appear in addresses (/users/NAME/role), the audit log and pages: nothing in them may
# need escaping, turn text around or split a path. Older names outside this set still work.
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}")
NAME_RULE = ("a user name has 1 to 40 letters, digits, dots, underscores or dashes, and starts "
             "with a letter or digit")
MIN_PASSWORD = 8
MAX_FAILURES = 5
# One office behind one address mistypes now and then; a script guessing names does not stop.
MAX_FAILURES_PER_ADDRESS = 30
LOCKOUT = timedelta(minutes=15)
_hasher = PasswordHasher()


class UserError(Exception):
    """A user-management request that cannot be done; the message says why (in English, for
    the CLI) and `kind` names the reason, for pages that say it in their own language."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


class LoginLocked(Exception):
    """Too many failed logins for this name or address; try again after `until`."""

    def __init__(self, until: datetime) -> None:
        super().__init__(f"locked until {until:%H:%M} UTC")
        self.until = until


def role_at_least(role: str, needed: str) -> bool:
    return ROLES.index(role) >= ROLES.index(needed)


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise UserError("role", f"unknown role {role!r}; use one of: {', '.join(ROLES)}")


def add_user(session: Session, name: str, role: str, password: str,
             actor: str | None = None) -> User:
    _check_role(role)
    name = name.strip()
    if not NAME.fullmatch(name):
        raise UserError("name", NAME_RULE)
    if len(password) < MIN_PASSWORD:
        raise UserError("password",
                        f"the password must have at least {MIN_PASSWORD} characters")
    if session.scalar(select(User).where(User.name == name)):
        raise UserError("exists", f"user {name!r} already exists")
    user = User(name=name, role=role, password_hash=_hasher.hash(password))
    session.add(user)
    audit.record(session, actor, "user_add", name, role=role)
    return user


def get_user(session: Session, name: str) -> User:
    user = session.scalar(select(User).where(User.name == name))
    if user is None:
        raise UserError("missing", f"no user {name!r}")
    return user


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.name)))


def set_role(session: Session, name: str, role: str, actor: str | None = None) -> User:
    _check_role(role)
    user = get_user(session, name)
    if role != "admin":
        _keep_an_admin(session, user)
    audit.record(session, actor, "user_set_role", name, old=user.role, new=role)
    user.role = role
    return user


def set_active(session: Session, name: str, active: bool, actor: str | None = None) -> User:
    user = get_user(session, name)
    if not active:
        _keep_an_admin(session, user)
    user.active = active
    audit.record(session, actor, "user_enable" if active else "user_disable", name)
    if not active:  # a disabled user is signed out everywhere at once
        session.execute(delete(WebSession).where(WebSession.user_id == user.id))
    return user


def _keep_an_admin(session: Session, user: User) -> None:
    """Refuses to take `user` out of the active admins when no other is left: nobody could then
    settle escalated items or manage users on the web."""
    if user.role != "admin" or not user.active:
        return
    others = session.scalar(select(func.count()).select_from(User).where(
        User.role == "admin", User.active.is_(True), User.id != user.id))
    if not others:
        raise UserError("last_admin", f"{user.name!r} is the last active admin; make or enable "
                                      "another admin first")


def authenticate(session: Session, name: str, password: str,
                 address: str | None = None) -> User | None:
    """The user if name and password match an active user; records the attempt either way.
    Raises LoginLocked after MAX_FAILURES failures for the name within LOCKOUT since its last
    success, or MAX_FAILURES_PER_ADDRESS failures from the client `address` within LOCKOUT; a
    refused attempt is not recorded, so a locked client cannot grow the audit log."""
    _refuse_if_locked(session, name, address, utcnow())
    user = session.scalar(select(User).where(User.name == name))
    matched = _verify(user, password)  # first, so every wrong answer costs the same
    if user is None or not user.active or not matched:
        audit.record(session, None, "login_failed", name, address=address)
        return None
    audit.record(session, name, "login", name)
    return user


def _refuse_if_locked(session: Session, name: str, address: str | None,
                      now: datetime) -> None:
    since = max(now - LOCKOUT, audit.last_at(session, "login", name) or now - LOCKOUT)
    if audit.count_since(session, "login_failed", name, since) >= MAX_FAILURES:
        raise LoginLocked((audit.last_at(session, "login_failed", name) or now) + LOCKOUT)
    if address and audit.count_from_address(session, "login_failed", address,
                                            now - LOCKOUT) >= MAX_FAILURES_PER_ADDRESS:
        raise LoginLocked(now + LOCKOUT)


def _verify(user: User | None, password: str) -> bool:
    """Whether `password` is the user's. With no user, a password is checked against a hash of
    nothing, with the same work: how long a refusal takes must not tell which names exist."""
    try:
        _hasher.verify(user.password_hash if user else _no_user_hash(), password)
    except (VerificationError, InvalidHashError):
        return False
    if user is None:
        return False
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return True


@cache
def _no_user_hash() -> str:
    return _hasher.hash(secrets.token_urlsafe(32))


@dataclass(frozen=True)
class SignedIn:
    user: User
    csrf_token: str


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(session: Session, user: User, lifetime: timedelta) -> tuple[str, str]:
    """(cookie token, CSRF token) of a new signed-in session."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    session.add(WebSession(token_hash=_digest(token), user_id=user.id, csrf_token=csrf,
                           expires_at=utcnow() + lifetime))
    return token, csrf


def signed_in(session: Session, token: str | None) -> SignedIn | None:
    if not token:
        return None
    row = session.get(WebSession, _digest(token))
    if row is None or row.expires_at <= utcnow() or not row.user.active:
        return None
    return SignedIn(row.user, row.csrf_token)


def close_session(session: Session, token: str) -> None:
    session.execute(delete(WebSession).where(WebSession.token_hash == _digest(token)))

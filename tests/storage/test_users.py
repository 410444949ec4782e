"""Users: sign-in that does not tell which names exist, the last admin, and safe names."""

from __future__ import annotations

import time

import pytest

from storage import users

PASSWORD = "kata-sandi-uji"


def _seconds(session, names: list[str]) -> float:
    """The middle of the timings of a wrong password for each of `names`."""
    taken = []
    for name in names:
        start = time.perf_counter()
        assert users.authenticate(session, name, "salah-sandi") is None
        taken.append(time.perf_counter() - start)
    return sorted(taken)[len(taken) // 2]


def test_a_wrong_password_takes_as_long_whether_or_not_the_name_exists(session):
    users.add_user(session, "rina", "reviewer", PASSWORD)
    users.set_active(session, users.add_user(session, "lama", "reviewer", PASSWORD).name, False)
    session.commit()
    known = _seconds(session, ["rina"] * 3)
    # Hashing a password takes tens of milliseconds; a look-up that finds no row, well under one.
    assert known > 0.01
    assert _seconds(session, ["tidak-ada-1", "tidak-ada-2", "tidak-ada-3"]) > known / 3
    assert _seconds(session, ["lama"] * 3) > known / 3  # a disabled user: the same work too


def test_the_last_active_admin_can_be_neither_demoted_nor_disabled(session):
    users.add_user(session, "adi", "admin", PASSWORD)
    users.add_user(session, "ani", "admin", PASSWORD)
    users.set_active(session, "ani", False)  # another admin remains
    with pytest.raises(users.UserError, match="last active admin"):
        users.set_role(session, "adi", "reviewer")
    with pytest.raises(users.UserError, match="last active admin"):
        users.set_active(session, "adi", False)
    assert users.get_user(session, "adi").role == "admin"
    users.set_active(session, "ani", True)
    users.set_role(session, "adi", "analyst")  # ani is an active admin now
    users.set_role(session, "adi", "admin")
    users.set_active(session, "ani", False)


@pytest.mark.parametrize("name", ["ops/night", "rina budi", "../admin", "a?b", "ali\u202e",
                                  "-rina", "x" * 41, ""])
def test_a_user_name_outside_the_safe_set_is_refused_with_what_is_allowed(session, name):
    with pytest.raises(users.UserError, match="letters, digits") as refused:
        users.add_user(session, name, "reviewer", PASSWORD)
    assert refused.value.kind == "name"


def test_ordinary_user_names_are_accepted(session):
    for name in ("rina", "Budi.S", "demo-admin", "ops_night2", "x" * 40):
        users.add_user(session, name, "reviewer", PASSWORD)


def test_failures_from_one_address_lock_it_whatever_names_it_tries(session, monkeypatch):
    monkeypatch.setattr(users, "MAX_FAILURES_PER_ADDRESS", 3)
    users.add_user(session, "rina", "reviewer", PASSWORD)
    for name in ("a", "b", "c"):
        assert users.authenticate(session, name, "salah", address="203.0.113.9") is None
    with pytest.raises(users.LoginLocked):
        users.authenticate(session, "rina", PASSWORD, address="203.0.113.9")
    assert users.authenticate(session, "rina", PASSWORD, address="198.51.100.4") is not None

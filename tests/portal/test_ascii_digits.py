"""Full-width or Arabic-Indic digits never make a second account for one ID number or phone."""

from __future__ import annotations

import re

from sqlalchemy import create_engine, text

from tests.helpers.portal_api import Api

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
CMND = "031234567"  # a 9-digit CMND: no province code or birth year to check
SIGN_UP = {"account_type": "cong_dan", "method": "mobile", "id_number": CMND,
           "full_name": "Nguyễn Văn An", "birth_date": "1990-01-01", "sex": "nam",
           "phone": "0983456789"}


def _sign_up(client, api: Api, **changes) -> None:
    reply = api.request("POST", "/accounts", json={**SIGN_UP, **changes})
    assert reply.status_code == 201, reply.text
    account_id = reply.json()["account_id"]
    body = [m["body"] for m in client.get("/api/v1/sandbox/messages").json()
            if m["channel"] == "sms"][-1]
    verified = api.request("POST", f"/accounts/{account_id}/verify",
                           json={"otp": re.search(r"\b(\d{6})\b", body).group(1)})
    assert verified.status_code == 200, verified.text
    token = verified.json().get("verification_token")
    done = api.request("POST", f"/accounts/{account_id}/password",
                       json={"password": "Thu#Nghiem+Lan1", "verification_token": token})
    assert done.status_code == 200, done.text


def _id_numbers(settings) -> list[str]:
    engine = create_engine(settings.database_url)
    with engine.connect() as connection:
        rows = connection.execute(text("select id_number from accounts "
                                       "where id_number is not null")).scalars().all()
    engine.dispose()
    return list(rows)


def test_a_registered_id_number_in_full_width_digits_is_the_same_number(client, api: Api,
                                                                          settings, clock):
    _sign_up(client, api)
    clock.advance(minutes=2)
    reply = api.request("POST", "/accounts", json={**SIGN_UP, "id_number": CMND.translate(FULL_WIDTH),
                                                   "phone": "0977000111"})
    assert reply.status_code in (201, 409), reply.text
    numbers = _id_numbers(settings)
    assert all(n.isascii() for n in numbers), numbers
    assert numbers.count(CMND) == 1


def test_a_phone_in_arabic_indic_digits_is_stored_and_texted_in_ascii(client, api: Api):
    reply = api.request("POST", "/accounts", json={
        "account_type": "cong_dan", "method": "mobile", "id_number": "038090123456",
        "full_name": "Nguyễn Văn An", "birth_date": "1990-01-01", "sex": "nam",
        "phone": "0983456789".translate(ARABIC_INDIC)})
    assert reply.status_code == 201, reply.text
    assert reply.json()["otp_sent_to"] == "098****789"
    sent_to = [m["to"] for m in client.get("/api/v1/sandbox/messages").json() if m["channel"] == "sms"]
    assert sent_to == ["0983456789"]


def test_an_older_database_has_its_non_ascii_numbers_rewritten(tmp_path):
    """Rows stored before the rule (the audit's second account) are rewritten in ASCII, unless
    another account has the ASCII number already."""
    from alembic import command
    from alembic.config import Config

    from portal.db import MIGRATIONS, create_schema, make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    rows = [("a1", CMND, "0983456789"), ("a2", CMND.translate(FULL_WIDTH), "0977000111"),
            ("a3", "038090123456".translate(FULL_WIDTH), "0983000111".translate(ARABIC_INDIC))]
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0010")
        for account_id, number, phone in rows:
            connection.execute(text(
                "insert into accounts (id, role, id_number, phone, full_name, created_at) values "
                "(:id, 'citizen', :number, :phone, 'Nguyễn Văn An', '2026-01-01 00:00:00')"),
                {"id": account_id, "number": number, "phone": phone})
    create_schema(engine)
    with engine.connect() as connection:
        stored = dict(connection.execute(text(
            "select id, id_number || '/' || phone from accounts")).all())
    engine.dispose()
    assert stored["a3"] == "038090123456/0983000111"
    assert stored["a1"] == f"{CMND}/0983456789"
    assert stored["a2"] == f"{CMND.translate(FULL_WIDTH)}/0977000111"  # left for an administrator

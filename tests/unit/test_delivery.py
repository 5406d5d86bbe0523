"""How the result is received: the question's fields from the catalog, checked with the answers
(the rules the wizard, the queue and the portal share), and the one line forms print."""

from __future__ import annotations

from dvc_core import delivery
from dvc_core.catalog import default_catalog
from dvc_core.rules import validate_dossier


def test_only_the_procedures_ways_and_online_only_at_level_4():
    catalog = default_catalog()
    assert delivery.offered(("counter", "post", "online"), 4) == ("counter", "post", "online")
    assert delivery.offered(("online", "counter", "post"), 3) == ("counter", "post")
    method, address = catalog.get("1.001193").delivery_specs(required=True)
    assert method.required and [v for v, _ in method.choices] == ["counter", "post", "online"]
    assert address.when == {"delivery.method": "post"} and address.kind == "address"
    [only] = catalog.get("2.000884").delivery_specs()  # at the counter only: no address
    assert [v for v, _ in only.choices] == ["counter"] and not only.required
    assert delivery.specs((), 4) == ()


def test_checked_with_the_answers():
    proc = default_catalog().get("1.001193")
    ex = proc.example

    def errors(**fields):
        checked = validate_dossier(proc.field_specs, ex["applicant"], {**ex["fields"], **fields})
        return {(e.field, e.code) for e in checked.errors}

    assert errors() == set()
    assert errors(**{"delivery.method": "post"}) == {("delivery.address", "required")}
    assert errors(**{"delivery.method": "fax"}) == {("delivery.method", "choice")}
    assert errors(**{"delivery.method": "post", "delivery.address": {
        "province": "38", "commune": "15772", "detail": "Thôn Tây"}}) == set()
    required = validate_dossier((*proc.declaration_specs, *proc.delivery_specs(required=True)),
                                ex["applicant"], ex["fields"])
    assert {e.field for e in required.errors} == {"delivery.method"}


def test_the_line_forms_print_says_the_chosen_way_only():
    assert delivery.describe({}) == ""
    assert delivery.describe({"delivery.method": "counter"},
                             "Trung tâm Phục vụ hành chính công xã Thiệu Hóa") == (
        "Trung tâm Phục vụ hành chính công xã Thiệu Hóa")
    assert delivery.describe({"delivery.method": "post", "delivery.address": {
        "province": "38", "commune": "15772", "detail": "Thôn Tây"}}) == (
        "Qua dịch vụ bưu chính công ích, gửi đến: Thôn Tây, xã Thiệu Hóa, tỉnh Thanh Hóa")
    assert delivery.describe({"delivery.method": "online"}).startswith("Trực tuyến")

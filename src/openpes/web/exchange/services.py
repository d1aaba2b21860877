"""Writes of the exchange. On a hub: members, received bundles and withdrawals; on a
member: its cases and what it sent. Every receipt, refusal and withdrawal is in the trail."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from openpes.errors import InputError
from openpes.exchange import (
    PARTS,
    Bundle,
    BundleRefused,
    build_bundle,
    bundle_digest,
    check_public_key,
    generate_key,
    load_private_key,
    receive,
    sign,
)
from openpes.web.exchange import config
from openpes.web.exchange.builder import available_parts
from openpes.web.exchange.enums import TrailAction, Via
from openpes.web.exchange.models import BundleVersion, Member, OwnCase, Sending
from openpes.web.exchange.transport import HubAnswer, post_json
from openpes.web.integrations.enums import Scope
from openpes.web.integrations.services import token_create
from openpes.web.trail.services import event_record


# -- hub ------------------------------------------------------------------------------
@transaction.atomic
def member_register(
    *,
    actor: Any,
    slug: str,
    name: str,
    country: str,
    public_key: str,
    region: str = "",
    size_band: str = "",
    with_token: bool = True,
) -> tuple[Member, str]:
    """Register a PES (or replace its key); returns it and, if asked, its one-time token."""
    check_public_key(public_key)
    if not slug or len(slug) > 64 or not slug.replace("-", "").replace("_", "").isalnum():
        raise InputError(_("a member id is letters, digits and hyphens"), column="member")
    member, created = Member.objects.update_or_create(
        slug=slug,
        defaults={
            "name": name or slug,
            "country": country.upper()[:3],
            "region": region,
            "size_band": size_band,
            "public_key": public_key,
        },
    )
    secret = ""
    if with_token:
        token, secret = token_create(
            actor=actor,
            account_name=f"exchange-{slug}"[:64],
            scopes=[Scope.EXCHANGE_WRITE],
            label=_("Exchange uploads"),
        )
        member.account = token.account
        member.save(update_fields=["account"])
    event_record(
        actor=actor,
        action=TrailAction.MEMBER_ADDED,
        subject=f"exchange-member:{slug}",
        details={"created": created, "country": member.country, "key": public_key},
    )
    return member, secret


def _members() -> dict[str, str]:
    return dict(Member.objects.values_list("slug", "public_key"))


def bundle_receive(
    *, actor: Any, data: bytes | str | Mapping[str, Any], via: str = Via.API, account: Any = None
) -> BundleVersion:
    """Check a bundle and store it as the member's next version; refuse it with the reason.

    A refused bundle stores nothing but a trail event naming the rule it broke. With
    ``account`` (the API's integration account), the bundle must be that member's own.
    """
    try:
        bundle = receive(data, members=_members())
        owner = getattr(account, "exchange_member", None) if account is not None else None
        if owner is not None and owner.slug != bundle.member:
            raise BundleRefused(
                "unknown_member",
                _("this token belongs to another member than the bundle's"),
            )
    except BundleRefused as refused:
        event_record(
            actor=actor,
            action=TrailAction.REFUSED,
            subject="exchange-bundle",
            details={"rule": refused.rule, "reason": str(refused)},
        )
        raise
    return _store(actor=actor, bundle=bundle, via=via)


@transaction.atomic
def _store(*, actor: Any, bundle: Bundle, via: str) -> BundleVersion:
    member = Member.objects.select_for_update().get(slug=bundle.member)
    same = member.versions.filter(digest=bundle.digest, withdrawn_at__isnull=True).first()
    if same is not None:
        return same  # the same bundle sent twice is one version
    number = (member.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = BundleVersion.objects.create(
        member=member,
        number=number,
        digest=bundle.digest,
        created=bundle.created,
        parts=[p for p in PARTS if p in bundle.parts],
        content=dict(bundle.content),
        via=via,
    )
    event_record(
        actor=actor,
        action=TrailAction.RECEIVED,
        subject=f"exchange-member:{member.slug}",
        details={"version": number, "digest": bundle.digest, "parts": version.parts, "via": via},
    )
    return version


@transaction.atomic
def bundle_withdraw(*, actor: Any, member: Member) -> int:
    """Withdraw everything a member shared: the content goes, the receipts stay."""
    versions = list(member.versions.filter(withdrawn_at__isnull=True))
    now = timezone.now()
    for version in versions:
        version.withdrawn_at = now
        version.content = {}
        version.save(update_fields=["withdrawn_at", "content"])
    event_record(
        actor=actor,
        action=TrailAction.WITHDRAWN,
        subject=f"exchange-member:{member.slug}",
        details={"versions": [v.number for v in versions]},
    )
    return len(versions)


def withdrawal_receive(
    *, actor: Any, data: bytes | str | Mapping[str, Any], account: Any = None
) -> int:
    """A member's signed request to withdraw (a bundle with no parts and ``withdraw``).

    As for a bundle, the API's account must be the member's own; and a withdrawal signed
    before the member's latest bundle is refused, so an old request replayed cannot take
    back what was shared after it.
    """
    try:
        content = json.loads(data) if isinstance(data, bytes | str) else data
    except ValueError:
        content = None
    if not isinstance(content, Mapping) or content.get("withdraw") is not True:
        raise BundleRefused("malformed", _("this is not a withdrawal"))
    bundle = receive(content, members=_members())
    if bundle.parts:
        raise BundleRefused("malformed", _("this is not a withdrawal"))
    owner = getattr(account, "exchange_member", None) if account is not None else None
    if owner is not None and owner.slug != bundle.member:
        raise BundleRefused(
            "unknown_member", _("this token belongs to another member than the bundle's")
        )
    member = Member.objects.get(slug=bundle.member)
    latest = member.versions.aggregate(latest=Max("created"))["latest"]
    if latest is not None and str(bundle.created) < str(latest):
        raise BundleRefused(
            "tampered", _("this withdrawal was signed before the member's latest bundle")
        )
    return bundle_withdraw(actor=actor, member=member)


# -- member ---------------------------------------------------------------------------
def key_create(*, overwrite: bool = False) -> str:
    """This instance's exchange key (var/exchange.key, 0600); its public key text."""
    return generate_key(config.key_path(), overwrite=overwrite)


def bundle_sign(parts: Sequence[str], *, member: str | None = None) -> dict[str, Any]:
    """The signed bundle of the chosen parts, as this instance would send it."""
    chosen = [p for p in PARTS if p in set(parts)]
    if not chosen:
        raise InputError(_("choose at least one part to share"))
    built = available_parts()
    bundle = build_bundle(member or config.member_id(), {p: built[p] for p in chosen})
    return sign(bundle, load_private_key(config.key_path()))


def withdrawal_sign(*, member: str | None = None) -> dict[str, Any]:
    bundle = build_bundle(member or config.member_id(), {})
    bundle["withdraw"] = True
    return sign(bundle, load_private_key(config.key_path()))


def _send(*, actor: Any, path: str, bundle: dict[str, Any]) -> HubAnswer:
    url = config.hub_url()
    if not url:
        raise InputError(_("no hub configured: set OPENPES_HUB_URL and OPENPES_HUB_TOKEN"))
    answer = post_json(url + path, bundle, token=config.hub_token())
    Sending.objects.create(
        hub_url=url,
        digest=bundle_digest(bundle),
        parts=sorted(bundle.get("parts", {})) if not bundle.get("withdraw") else ["withdraw"],
        accepted=answer.accepted,
        answer=answer.message,
    )
    event_record(
        actor=actor,
        action=TrailAction.SENT,
        subject="exchange-hub",
        details={"hub": url, "accepted": answer.accepted, "digest": bundle_digest(bundle)},
    )
    return answer


def bundle_send(*, actor: Any, bundle: dict[str, Any]) -> HubAnswer:
    """Send a signed bundle to the hub's API with the member token; the hub's answer."""
    return _send(actor=actor, path="/api/v1/exchange/bundles", bundle=bundle)


def withdrawal_send(*, actor: Any) -> HubAnswer:
    return _send(actor=actor, path="/api/v1/exchange/withdrawal", bundle=withdrawal_sign())


@transaction.atomic
def case_create(*, actor: Any, **fields: Any) -> OwnCase:
    case = OwnCase.objects.create(**fields)
    event_record(
        actor=actor,
        action="exchange.case_written",
        subject=f"exchange-case:{case.pk}",
        details={"theme": case.theme, "country": case.country},
    )
    return case

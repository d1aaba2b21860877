from typing import Any


def ensure_role_groups(**kwargs: Any) -> None:
    from openpes.web.accounts.services import roles_ensure

    roles_ensure(using=kwargs.get("using", "default"))

"""factory_boy factories that create users through the accounts services."""

from __future__ import annotations

import factory

from openpes.web.accounts.enums import Role
from openpes.web.accounts.services import user_create

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.Factory):
    class Meta:
        model = dict

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.COUNSELLOR
    # Staff names never look like a job seeker's Faker name, so a test that checks a job
    # seeker's name is absent from a page is not fooled by the signed-in counsellor's header.
    first_name = "Staff"
    last_name = factory.Sequence(lambda n: f"Member{n}")

    @classmethod
    def _create(cls, model_class, **kwargs):  # type: ignore[no-untyped-def]
        return user_create(password=PASSWORD, **kwargs)


class JobSeekerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "caseload.JobSeeker"

    reference = factory.Sequence(lambda n: f"JS-T{n:06d}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    isced = 3
    region = "Capital Region"
    region_unemployment_rate = 0.058  # the synthetic world's rate for that region
    lat = 50.8
    lon = 4.35
    registered_on = factory.Faker("date_between", start_date="-3y", end_date="-1d")
    languages = factory.LazyFunction(lambda: ["en"])
    preferred_occupations = factory.LazyFunction(list)

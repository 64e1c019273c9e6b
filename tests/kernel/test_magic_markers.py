"""`# safeai: allow` in a `%%safe_ai` question accepts only what the admin lets users
accept in prompts (`prompt_never_accept`, read from the server), never more."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.kernel.fake_safeai import FakeSafeAI
from tests.kernel_client import Kernel

NAME = "Kwabena Owusu-Ansah"
QUESTION = f"Patient {NAME} is test data  # safeai: allow\nHow do I plot glucose by month?"


@pytest.fixture
def kernel(fake: FakeSafeAI, tmp_path) -> Iterator[Kernel]:
    k = Kernel(fake.kernel_env(tmp_path))
    k.run("%load_ext jupyter_safeai")
    yield k
    k.close()


@pytest.mark.parametrize("server_says", [None, ["phi", "secret", "genomic"]],
                         ids=["older server: every category", "default"])
def test_a_marker_in_the_question_cannot_lower_the_phi_policy(
        kernel, fake, server_says) -> None:
    fake.prompt_never_accept = server_says
    kernel.run(f"%%safe_ai\n{QUESTION}")
    (chat,) = fake.chats
    assert NAME not in fake.sent_text() and "<PERSON_1>" in chat["messages"][0]["content"]


def test_where_the_admin_allows_it_a_marker_accepts_phi_in_the_question(kernel, fake) -> None:
    fake.prompt_never_accept = ["secret"]
    kernel.run(f"%%safe_ai\n{QUESTION}")
    (chat,) = fake.chats
    assert NAME in chat["messages"][0]["content"]

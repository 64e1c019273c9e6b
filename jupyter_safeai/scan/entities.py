"""The stable entity labels the scanner reports, with their category.

Labels are part of the public contract: policies, baselines, audit records and the
sidebar refer to them, so they are only ever added, never renamed.
"""

from __future__ import annotations

from typing import Literal

from .finding import Category

Severity = Literal["low", "medium", "high"]
#: Lowest first: a threshold is met by its own level and every later one.
SEVERITIES: tuple[Severity, ...] = ("low", "medium", "high")

#: label → (category, what a person should read)
ENTITIES: dict[str, tuple[Category, str]] = {
    # HIPAA Safe Harbor identifiers
    "PERSON": ("phi", "a person's name"),
    "STREET_ADDRESS": ("phi", "a street address"),
    "LOCATION": ("phi", "a city or place smaller than a state"),
    "ZIP_CODE": ("phi", "a ZIP code"),
    "DATE": ("phi", "a date tied to a person (birth, admission, discharge, death)"),
    "AGE": ("phi", "an age over 89"),
    "PHONE_NUMBER": ("phi", "a phone number"),
    "FAX_NUMBER": ("phi", "a fax number"),
    "EMAIL_ADDRESS": ("phi", "an e-mail address"),
    "US_SSN": ("phi", "a US social security number"),
    "MEDICAL_RECORD_NUMBER": ("phi", "a medical record number"),
    "HEALTH_PLAN_NUMBER": ("phi", "a health-plan beneficiary or member number"),
    "ACCOUNT_NUMBER": ("phi", "an account number"),
    "CREDIT_CARD": ("phi", "a payment card number"),
    "LICENSE_NUMBER": ("phi", "a certificate or licence number"),
    "VEHICLE_ID": ("phi", "a vehicle identification number (VIN)"),
    "LICENSE_PLATE": ("phi", "a licence plate"),
    "DEVICE_ID": ("phi", "a device identifier or serial number"),
    "URL": ("phi", "a URL that can identify a person"),
    "IP_ADDRESS": ("phi", "an IP address"),
    "BIOMETRIC_ID": ("phi", "a biometric identifier"),
    "UNIQUE_ID": ("phi", "another unique identifying number"),
    # Secrets
    "AWS_ACCESS_KEY": ("secret", "an AWS access key id"),
    "AWS_SECRET_KEY": ("secret", "an AWS secret access key"),
    "GCP_SERVICE_ACCOUNT": ("secret", "a GCP service-account private key"),
    "GCP_API_KEY": ("secret", "a Google API key"),
    "AZURE_KEY": ("secret", "an Azure key or connection string"),
    "GITHUB_TOKEN": ("secret", "a GitHub token"),
    "GITLAB_TOKEN": ("secret", "a GitLab token"),
    "SLACK_TOKEN": ("secret", "a Slack token or webhook"),
    "STRIPE_KEY": ("secret", "a Stripe key"),
    "OPENAI_KEY": ("secret", "an OpenAI API key"),
    "HUGGINGFACE_TOKEN": ("secret", "a Hugging Face token"),
    "JWT": ("secret", "a JSON Web Token"),
    "PRIVATE_KEY": ("secret", "a private key (PEM or OpenSSH)"),
    "PASSWORD": ("secret", "a password"),
    "BEARER_TOKEN": ("secret", "a bearer token"),
    "GENERIC_SECRET": ("secret", "a high-entropy secret assigned to a secret-looking name"),
    # Genomic identifiers
    "RSID_GENOTYPE": ("genomic", "an rsID with a genotype"),
    "VCF_SAMPLE": ("genomic", "a VCF record with sample genotype columns"),
    "DNA_SEQUENCE": ("genomic", "a long DNA/RNA sequence tied to a subject"),
    "PROTEIN_SEQUENCE": ("genomic", "a long protein sequence tied to a subject"),
    "SAMPLE_ID": ("genomic", "a sample or subject identifier in genomic data"),
}


#: How much a finding of each label identifies someone on its own. Direct identifiers
#: (an SSN, an MRN, a person's contact details, any secret) are `high`; quasi-identifiers
#: and weak signals (a lone date, a URL, a city) `medium` or `low`. Labels in
#: `RAISED_IN_CONTEXT` go one level up near a patient cue or a direct identifier
#: (`scan.severity`): a name beside an MRN is a patient, a name alone an author.
SEVERITY: dict[str, Severity] = {
    "PERSON": "medium",
    "STREET_ADDRESS": "medium",
    "LOCATION": "low",
    "ZIP_CODE": "low",
    "DATE": "low",
    "AGE": "medium",
    "PHONE_NUMBER": "high",
    "FAX_NUMBER": "high",
    "EMAIL_ADDRESS": "high",
    "US_SSN": "high",
    "MEDICAL_RECORD_NUMBER": "high",
    "HEALTH_PLAN_NUMBER": "high",
    "ACCOUNT_NUMBER": "high",
    "CREDIT_CARD": "high",
    "LICENSE_NUMBER": "medium",
    "VEHICLE_ID": "medium",
    "LICENSE_PLATE": "medium",
    "DEVICE_ID": "medium",
    "URL": "low",
    "IP_ADDRESS": "low",
    "BIOMETRIC_ID": "high",
    "UNIQUE_ID": "medium",
    **{label: "high" for label, (category, _) in ENTITIES.items() if category == "secret"},
    **{label: "medium" for label, (category, _) in ENTITIES.items() if category == "genomic"},
}
RAISED_IN_CONTEXT = frozenset({
    "PERSON", "STREET_ADDRESS", "LOCATION", "ZIP_CODE", "DATE", "AGE", "LICENSE_NUMBER",
    "VEHICLE_ID", "LICENSE_PLATE", "DEVICE_ID", "UNIQUE_ID", "IP_ADDRESS",
})


def category_of(entity: str) -> Category:
    return ENTITIES[entity][0]


def base_severity(entity: str) -> Severity:
    """An unknown label (a plug-in's) counts as high: fail closed."""
    return SEVERITY.get(entity, "high")

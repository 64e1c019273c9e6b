"""What a column name says about its values: `mrn`, `dob`, `patient_name`, `ssn` ...

A clear name is evidence on its own (a column called `ssn` holds SSNs even when a
value is malformed); a vague one (`id`, `name` of a drug table) only adds weight to
what the values show. Names are normalised first: `PatientName`, `patient-name`
and `PATIENT NAME` are the same column.
"""

from __future__ import annotations

import re

# (the words of a normalised name, entity, clear?) — first match wins. A rule matches
# its words as whole `_`-separated parts: `(^|_)(words)($|_)`.
_RULES: tuple[tuple[str, str, bool], ...] = (
    (r"ssn|social_security(_number|_no)?|soc_sec(_no)?", "US_SSN", True),
    (r"mrn|medical_record(_number|_no)?|med_rec(_no)?|mr_number|chart_(no|number)|"
     r"hospital_number|emr_id|ehr_id", "MEDICAL_RECORD_NUMBER", True),
    (r"dob|date_of_birth|birth_?date|birthdate|birthday|born|birth_dt",
     "DATE", True),
    (r"date_of_death|death_date|dod|deceased_date|admit(ted|_date|sion_date)|"
     r"admission_(date|dt)|discharge(d|_date|_dt)|visit_date|encounter_date|service_date|"
     r"dos|procedure_date|surgery_date", "DATE", True),
    # before the name rule: `patient_id` and `person_id` hold ids, not names
    (r"patient_id|participant_id|subject_id|study_id|person_id|employee_id|"
     r"national_id|nhs_number|encounter_id|visit_id|claim_id|case_id|accession(_number)?|"
     # study ids of public clinical databases (MIMIC, eICU, OMOP): they link a row to
     # one patient's stay
     r"hadm_id|stay_id|icustay_id|transfer_id|patientunitstayid|patienthealthsystemstayid|"
     r"uniquepid|visit_occurrence_id|person_source_value|subjectid|patientid",
     "UNIQUE_ID", True),
    (r"(patient|pt|full|first|last|given|family|middle|maiden|sur|nick|"
     r"mother|father|guardian|spouse|contact|caregiver|physician|doctor|provider|"
     r"nurse|member|subscriber|insured|emergency_contact)_?name|surname|forename|"
     r"patient|person|pt_name", "PERSON", True),
    (r"e_?mail|email_address|mail", "EMAIL_ADDRESS", True),
    (r"fax|fax_number|fax_no", "FAX_NUMBER", True),
    (r"phone|phone_number|phone_no|tel|telephone|mobile|cell|cell_phone|"
     r"home_phone|work_phone|contact_number", "PHONE_NUMBER", True),
    (r"address|street|street_address|addr|address_line_?\d?|home_address|"
     r"mailing_address|residence", "STREET_ADDRESS", True),
    (r"zip|zipcode|zip_code|zip5|postal_code|postcode|post_code",
     "ZIP_CODE", True),
    (r"city|town|municipality|county|hometown|place_of_birth",
     "LOCATION", True),
    (r"member_id|insurance_id|policy_(number|no|id)|subscriber_id|medicare_id|"
     r"medicaid_id|mbi|hicn|health_plan(_id|_number)?|beneficiary_id|plan_member_id",
     "HEALTH_PLAN_NUMBER", True),
    (r"account|account_number|account_no|acct|acct_no|bank_account|iban|"
     r"billing_account", "ACCOUNT_NUMBER", True),
    (r"credit_card|card_number|cc_number|pan", "CREDIT_CARD", True),
    (r"license|licence|license_number|drivers?_license|dl_number|passport|"
     r"passport_number|certificate_number|npi|dea", "LICENSE_NUMBER", True),
    (r"vin|vehicle_id|vehicle_identification_number", "VEHICLE_ID", True),
    (r"plate|license_plate|licence_plate|plate_number", "LICENSE_PLATE", True),
    (r"device_id|serial|serial_number|serial_no|udi|imei|mac_address|device_serial",
     "DEVICE_ID", True),
    (r"ip|ip_address|ipaddr|ip_addr|client_ip", "IP_ADDRESS", True),
    (r"url|website|homepage|profile_url", "URL", True),
    (r"fingerprint|retina_scan|iris_scan|voiceprint|face_template|biometric(_id)?",
     "BIOMETRIC_ID", True),
    (r"sample_id|specimen_id|biosample|tcga_barcode|donor_id", "SAMPLE_ID", True),
    (r"age|age_years|age_at_(visit|diagnosis|admission)", "AGE", False),
    (r"name|full_name", "PERSON", False),
    (r"id|identifier|number|no", "UNIQUE_ID", False),
)
_COMPILED = tuple((re.compile(f"(^|_)({words})($|_)"), entity, clear)
                  for words, entity, clear in _RULES)
#: One pattern with every rule's words says in one search whether any rule can match
#: (most names of a pasted record match none).
_ANY_RULE = re.compile("(?:^|_)(?:" + "|".join(f"(?:{words})" for words, _, _ in _RULES)
                       + ")(?:$|_)")


_CAMEL = re.compile(r"([a-z0-9])([A-Z])")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def normalise(name: object) -> str:
    text = _CAMEL.sub(r"\1_\2", str(name))
    return _NOT_ALNUM.sub("_", text.lower()).strip("_")


def column_entity(name: object) -> tuple[str, bool] | None:
    """(entity, clear) that a column's name points to, or None."""
    return normalised_entity(normalise(name))


def normalised_entity(key: str) -> tuple[str, bool] | None:
    """`column_entity` of a name already `normalise`d."""
    if _ANY_RULE.search(key) is None:
        return None
    for pattern, entity, clear in _COMPILED:
        if pattern.search(key):
            return entity, clear
    return None


#: Kinds whose values are numbers that single a person out: an MRN, a study id, a serial.
_NUMBERED = frozenset({"UNIQUE_ID", "MEDICAL_RECORD_NUMBER", "DEVICE_ID", "ACCOUNT_NUMBER",
                       "HEALTH_PLAN_NUMBER", "LICENSE_NUMBER", "SAMPLE_ID"})
_SMALL_NUMBER = re.compile(r"\s*\d{1,2}(?:\.0)?\s*")
_DIGIT = re.compile(r"\d")
_MARKUP = re.compile(r"[*`=;{}<>|]")
#: A timestamp (`WARNING:2021-06-17 15:04:59` under `load_account`): a log line's time.
_TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d")
#: What every written e-mail address holds, plainly or spelled out (`jane (at) uni`).
_AT = re.compile(r"@|\bat\b|[(\[]at[)\]]", re.IGNORECASE)


def plausible_value(entity: str, value: str) -> bool:
    """Whether `value` can be what a key or header says (`entity`), by its content.

    A name says what a column is meant to hold, not that each value is one: a one- or
    two-digit `subject_id` or `device_id` numbers rows of a toy table or devices of a
    machine (no number under 100 singles out a person); a `cell` with fewer than seven
    digits is a notebook cell or a spreadsheet's, not a phone; a value with `://` is a
    link whatever its key (`tpu_address = "grpc://..."`); a name is a few words, not a
    sentence or markup; an account number is no timestamp and an e-mail has its `at`."""
    if "://" in value:
        return entity == "URL"
    if entity in _NUMBERED:
        return not _SMALL_NUMBER.fullmatch(value) and not _TIMESTAMP.search(value)
    if entity == "EMAIL_ADDRESS":  # `'email': 1` counts a word of a spam corpus
        return _AT.search(value) is not None
    if entity in {"PHONE_NUMBER", "FAX_NUMBER"}:
        return len(_DIGIT.findall(value)) >= 7
    if entity == "PERSON":  # `at first: a quick check is *if I knew ...*` is prose
        return len(value.split()) <= 5 and _MARKUP.search(value) is None
    return True

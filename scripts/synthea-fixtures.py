#!/usr/bin/env python3
"""Select and prune Synthea FHIR R4 bundles into small test fixtures.

Standard library only. See src/test/resources/synthea/README.md for the full
regeneration procedure (Synthea version, seed and options).

Sub-commands
  keep-module                 print the Synthea "keep module" (-k) that keeps only
                              patients who ever had major depression or PTSD
  survey DIR [--all]          one line per bundle in DIR: sex, age, depression/PTSD
                              conditions, antidepressants, counts, pruned size
  build FHIR_DIR OUT_DIR      write the fixtures listed in FIXTURES below

Pruning (build, and the size column of survey):
  1. keep only the resource types in KEEP_TYPES (Patient, Condition, Observation,
     Medication*, Procedure, AllergyIntolerance, QuestionnaireResponse, Encounter);
     resources are copied exactly as Synthea wrote them;
  2. the transaction Bundle becomes a "collection" Bundle (entry.request removed;
     fullUrl "urn:uuid:..." values and all references are left unchanged);
  3. if the file is larger than MAX_BYTES, drop all Encounters (references to
     them are left as they are, dangling);
  4. if still larger, keep only Observations and Procedures whose date lies in the
     WINDOW_YEARS (3) before REFERENCE_DATE, then 2, then 1 year, stopping as soon
     as the file fits; every Condition, Medication,
     MedicationRequest, MedicationAdministration, MedicationStatement,
     AllergyIntolerance and QuestionnaireResponse is always kept.
Nothing is invented or edited inside a resource.
"""
import datetime
import glob
import json
import os
import sys

REFERENCE_DATE = datetime.date(2026, 12, 1)  # Synthea -r / -e
MAX_BYTES = 300 * 1024
WINDOW_YEARS = 3

KEEP_TYPES = {
    "Patient", "Condition", "Observation", "Medication", "MedicationRequest",
    "MedicationStatement", "MedicationAdministration", "Procedure",
    "AllergyIntolerance", "QuestionnaireResponse", "Encounter",
}
ALWAYS_KEEP = {
    "Patient", "Condition", "Medication", "MedicationRequest", "MedicationStatement",
    "MedicationAdministration", "AllergyIntolerance", "QuestionnaireResponse",
}

DEPRESSION = {"370143000", "36923009", "35489007"}  # MDD, MDD single episode, depressive disorder
PTSD = {"47505003"}

ANTIDEPRESSANT_WORDS = (
    "fluoxetine", "sertraline", "citalopram", "escitalopram", "paroxetine",
    "fluvoxamine", "venlafaxine", "desvenlafaxine", "duloxetine", "bupropion",
    "mirtazapine", "trazodone", "vortioxetine", "vilazodone", "amitriptyline",
    "nortriptyline", "imipramine", "doxepin", "phenelzine", "tranylcypromine",
    "ketamine", "esketamine", "lithium",
)

# name -> (Synthea Patient.id, why it was chosen). Valid for Synthea 3.3.0 run with
# exactly the command line in the README (seed 20261202, reference date 20261201).
FIXTURES = {
    "mdd-new-episode-f19-fluoxetine": (
        "9729207f-67f4-1d68-29a1-254c2a3c77ce",
        "young woman, MDD diagnosed 2026-09, fluoxetine just started, PHQ-9 (teen) and GAD-7 scores"),
    "ptsd-active-m25-sertraline": (
        "487b2679-0b71-fa9d-f74b-1d55fd209919",
        "young man, PTSD active since 2024, repeated sertraline orders, no depression diagnosis"),
    "mdd-and-ptsd-f24-fluoxetine": (
        "8964ff35-c64b-66d6-21fd-5855ef67ea4c",
        "young woman, MDD active since 2021 plus a resolved 2024 PTSD episode, fluoxetine"),
    "ptsd-past-m65-phq9-severe": (
        "795297c1-cc2f-bfe4-4662-8527b81e4afd",
        "older man, resolved PTSD, sertraline history, PHQ-9 totals 17 and 23, eight allergies"),
    "mdd-m56-cardiac-substance-use": (
        "f181219b-051b-1b76-813c-3f0f38a5c1f0",
        "middle-aged man, MDD active since 1989, fluoxetine, STEMI history, alcoholism, opioid abuse, many meds"),
    "mdd-past-only-f22-allergies": (
        "692e6e17-d626-b57b-9165-2c4663952444",
        "young woman, only a resolved single MDD episode (2023), no antidepressant, seven allergies"),
}

KEEP_MODULE = {
    "name": "Keep depression or PTSD",
    "gmf_version": 2,
    "states": {
        "Initial": {
            "type": "Initial",
            "conditional_transition": [
                {
                    "transition": "Keep",
                    "condition": {
                        "condition_type": "Or",
                        "conditions": [
                            {"condition_type": "Attribute", "attribute": "mdd", "operator": "is not nil"},
                            {"condition_type": "Attribute", "attribute": "mdd_psych", "operator": "is not nil"},
                            {"condition_type": "Attribute", "attribute": "ptsd", "operator": "is not nil"},
                            {"condition_type": "Active Condition", "codes": [
                                {"system": "SNOMED-CT", "code": "370143000", "display": "Major depressive disorder"},
                                {"system": "SNOMED-CT", "code": "36923009", "display": "Major depression, single episode"},
                                {"system": "SNOMED-CT", "code": "47505003", "display": "Posttraumatic stress disorder"},
                            ]},
                        ],
                    },
                },
                {"transition": "Terminal"},
            ],
        },
        "Terminal": {"type": "Terminal"},
        "Keep": {"type": "Terminal"},
    },
}


def dump(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def resources(bundle):
    return [e["resource"] for e in bundle.get("entry", [])]


def patient_of(bundle):
    return next(r for r in resources(bundle) if r["resourceType"] == "Patient")


def age_at(birth, ref=REFERENCE_DATE):
    b = datetime.date.fromisoformat(birth[:10])
    return ref.year - b.year - ((ref.month, ref.day) < (b.month, b.day))


def resource_date(r):
    """The clinical date of an Observation/Procedure (YYYY-MM-DD) or None."""
    for key in ("effectiveDateTime", "performedDateTime", "issued"):
        if key in r:
            return r[key][:10]
    for key in ("effectivePeriod", "performedPeriod"):
        if key in r and "start" in r[key]:
            return r[key]["start"][:10]
    return None


def first_coding(cc):
    codings = (cc or {}).get("coding") or [{}]
    return codings[0]


def med_coding(r, by_url):
    if "medicationCodeableConcept" in r:
        return first_coding(r["medicationCodeableConcept"])
    ref = r.get("medicationReference", {}).get("reference")
    med = by_url.get(ref)
    return first_coding(med.get("code")) if med else {"code": ref, "display": "?"}


def prune(bundle, max_bytes=MAX_BYTES):
    """Return (fixture bundle, list of pruning steps applied)."""
    entries = []
    for e in bundle.get("entry", []):
        if e["resource"]["resourceType"] in KEEP_TYPES:
            entries.append({"fullUrl": e["fullUrl"], "resource": e["resource"]})
    steps = ["types"]

    def make(es):
        out = {"resourceType": "Bundle", "type": "collection", "entry": es}
        if "id" in bundle:
            out["id"] = bundle["id"]
        return out

    if len(dump(make(entries)).encode()) > max_bytes:
        entries = [e for e in entries if e["resource"]["resourceType"] != "Encounter"]
        steps.append("no-encounters")
    years = WINDOW_YEARS
    while years >= 1 and len(dump(make(entries)).encode()) > max_bytes:
        cutoff = REFERENCE_DATE.replace(year=REFERENCE_DATE.year - years).isoformat()
        kept = []
        for e in entries:
            r = e["resource"]
            if r["resourceType"] in ("Observation", "Procedure"):
                d = resource_date(r)
                if d is None or d < cutoff:
                    continue
            kept.append(e)
        entries = kept
        steps.append("obs+proc-since-" + cutoff)
        years -= 1
    return make(entries), steps


def summarize(bundle):
    rs = resources(bundle)
    by_url = {e["fullUrl"]: e["resource"] for e in bundle.get("entry", [])}
    p = patient_of(bundle)
    conds = []
    for r in rs:
        if r["resourceType"] != "Condition":
            continue
        c = first_coding(r.get("code"))
        if c.get("code") in DEPRESSION | PTSD or "depress" in c.get("display", "").lower():
            conds.append("%s %s %s onset %s%s" % (
                c.get("code"), c.get("display"),
                first_coding(r.get("clinicalStatus")).get("code"),
                r.get("onsetDateTime", "")[:10],
                (" abated " + r["abatementDateTime"][:10]) if "abatementDateTime" in r else ""))
    mrs = [r for r in rs if r["resourceType"] == "MedicationRequest"]
    anti = {}
    for r in mrs:
        c = med_coding(r, by_url)
        if any(w in (c.get("display") or "").lower() for w in ANTIDEPRESSANT_WORDS):
            key = "%s %s" % (c.get("code"), c.get("display"))
            anti.setdefault(key, []).append("%s %s" % (r.get("authoredOn", "")[:10], r.get("status")))
    obs = {}
    for r in rs:
        if r["resourceType"] == "Observation":
            code = first_coding(r.get("code")).get("code")
            obs[code] = obs.get(code, 0) + 1
    count = lambda t: sum(1 for r in rs if r["resourceType"] == t)
    return {
        "id": p["id"],
        "sex": p.get("gender"),
        "birthDate": p.get("birthDate"),
        "age": age_at(p["birthDate"]),
        "deceased": "deceasedDateTime" in p or p.get("deceasedBoolean", False),
        "conditions": conds,
        "medicationRequests": len(mrs),
        "antidepressants": anti,
        "obs": {
            "PHQ-9 44261-6": obs.get("44261-6", 0),
            "PHQ-9 panel 44249-1": obs.get("44249-1", 0),
            "PHQ-9 teen 89204-2": obs.get("89204-2", 0),
            "PHQ-2 55758-7": obs.get("55758-7", 0),
            "GAD-7 70274-6": obs.get("70274-6", 0),
            "BP 85354-9": obs.get("85354-9", 0),
            "weight 29463-7": obs.get("29463-7", 0),
            "height 8302-2": obs.get("8302-2", 0),
        },
        "observations": count("Observation"),
        "procedures": count("Procedure"),
        "encounters": count("Encounter"),
        "allergies": count("AllergyIntolerance"),
        "questionnaireResponses": count("QuestionnaireResponse"),
        "medicationStatements": count("MedicationStatement"),
        "medicationAdministrations": count("MedicationAdministration"),
    }


def cmd_survey(args):
    show_all = "--all" in args
    paths = [a for a in args if a != "--all"]
    for path in sorted(glob.glob(os.path.join(paths[0], "*.json"))):
        bundle = load(path)
        if not any(r["resourceType"] == "Patient" for r in resources(bundle)):
            continue
        s = summarize(bundle)
        if not s["conditions"] and not show_all:
            continue
        fixture, steps = prune(bundle)
        print("%s %s %s age %d alive=%s MR=%d obs=%d proc=%d enc=%d allergy=%d QR=%d pruned=%dKB [%s]" % (
            os.path.basename(path), s["id"], s["sex"], s["age"], not s["deceased"],
            s["medicationRequests"], s["observations"], s["procedures"], s["encounters"],
            s["allergies"], s["questionnaireResponses"],
            len(dump(fixture).encode()) // 1024, ",".join(steps)))
        for c in s["conditions"]:
            print("    condition:", c)
        for k, v in s["antidepressants"].items():
            print("    antidepressant: %s x%d (%s .. %s)" % (k, len(v), v[0], v[-1]))
        print("    obs:", ", ".join("%s=%d" % kv for kv in s["obs"].items()))


def cmd_build(args):
    fhir_dir, out_dir = args[0], args[1]
    if not FIXTURES:
        sys.exit("FIXTURES is empty")
    wanted = {pid: name for name, (pid, _) in FIXTURES.items()}
    found = {}
    for path in sorted(glob.glob(os.path.join(fhir_dir, "*.json"))):
        for pid in wanted:
            if pid in os.path.basename(path):
                found[pid] = path
    missing = [wanted[p] for p in wanted if p not in found]
    if missing:
        sys.exit("patients not found in %s (different Synthea version/options?): %s" % (fhir_dir, missing))
    os.makedirs(out_dir, exist_ok=True)
    for name, (pid, why) in FIXTURES.items():
        bundle = load(found[pid])
        fixture, steps = prune(bundle)
        s = summarize(fixture)
        if s["deceased"] or not s["conditions"]:
            sys.exit("%s: patient %s no longer qualifies" % (name, pid))
        data = dump(fixture).encode()
        if len(data) > MAX_BYTES:
            print("warning: %s is %d KB" % (name, len(data) // 1024), file=sys.stderr)
        out = os.path.join(out_dir, name + ".json")
        with open(out, "wb") as f:
            f.write(data + b"\n")
        print("%s: %s %s age %d, %d KB, pruning: %s  (%s)" % (
            out, s["sex"], pid, s["age"], len(data) // 1024, ",".join(steps), why))


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return
    cmd, args = argv[0], argv[1:]
    if cmd == "keep-module":
        print(json.dumps(KEEP_MODULE, indent=2))
    elif cmd == "survey":
        cmd_survey(args)
    elif cmd == "build":
        cmd_build(args)
    else:
        sys.exit("unknown command %r; try --help" % cmd)


if __name__ == "__main__":
    main(sys.argv[1:])

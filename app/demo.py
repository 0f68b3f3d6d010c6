"""A realistic demo population: ministries in five countries, trainers, focal points, 40 learners."""

import secrets
from dataclasses import dataclass

from sqlalchemy import func, select

from app.auth.services import create_user, find_user_by_email
from app.extensions import db
from app.ministries import add_ministry, ensure_starter_ministries, find_ministry
from app.models import Ministry, Role, User

DEMO_DOMAIN = "@demo.example"

EXTRA_MINISTRIES = (
    ("EG", "Ministry of Foreign Affairs"),
    ("EG", "Ministry of Social Solidarity"),
    ("PH", "Department of Migrant Workers"),
    ("UZ", "Ministry of Foreign Affairs"),
    ("US", "Federal Emergency Management Agency"),
)

# (country, ministry, full name, position, language): names in the scripts officials really use.
LEARNERS = (
    ("CN", "Ministry of Foreign Affairs", "王芳", "Consular officer", "zh"),
    ("CN", "Ministry of Foreign Affairs", "李伟", "Second Secretary, Consular Department", "zh"),
    ("CN", "Ministry of Foreign Affairs", "张静", "Consular protection officer", "zh"),
    ("CN", "Ministry of Foreign Affairs", "刘洋", "Attaché", "zh"),
    ("CN", "Ministry of Public Security", "陈明", "Exit-entry officer", "zh"),
    ("CN", "Ministry of Public Security", "杨丽", "Border management officer", "zh"),
    ("CN", "Ministry of Civil Affairs", "赵磊", "Disaster relief officer", "zh"),
    ("CN", "Ministry of Civil Affairs", "黄敏", "Social assistance officer", "zh"),
    ("UZ", "Ministry of Emergency Situations", "Дилшод Каримов", "Civil protection officer", "ru"),
    ("UZ", "Ministry of Emergency Situations", "Нодира Юсупова", "Preparedness planner", "ru"),
    ("UZ", "Ministry of Emergency Situations", "Рустам Алиев", "Regional emergency coordinator", "ru"),
    ("UZ", "Ministry of Emergency Situations", "Malika Rashidova", "Early warning specialist", "en"),
    ("UZ", "Ministry of Emergency Situations", "Азиз Турсунов", "Evacuation planning officer", "ru"),
    ("UZ", "Ministry of Foreign Affairs", "Шахноза Мирзаева", "Consul", "ru"),
    ("UZ", "Ministry of Foreign Affairs", "Bekzod Nazarov", "Consular officer", "en"),
    ("PH", "Department of Foreign Affairs", "Maria Santos", "Vice Consul", "en"),
    ("PH", "Department of Foreign Affairs", "José Reyes", "Assistance-to-Nationals officer", "en"),
    ("PH", "Department of Foreign Affairs", "Ana Dela Cruz", "Foreign Service Officer", "en"),
    ("PH", "Department of Foreign Affairs", "Ramon Bautista", "Consul General", "es"),
    ("PH", "Department of Migrant Workers", "Liza Mendoza", "Labour attaché", "en"),
    ("PH", "Department of Migrant Workers", "Carlo Villanueva", "Welfare officer", "en"),
    ("PH", "Department of Migrant Workers", "Grace Ramos", "Repatriation officer", "en"),
    ("US", "Department of State", "Emily Carter", "Consular officer", "en"),
    ("US", "Department of State", "Michael Brooks", "American Citizen Services chief", "en"),
    ("US", "Department of State", "Sofía Martínez", "Crisis management officer", "es"),
    ("US", "Department of State", "David Nguyen", "Vice Consul", "en"),
    ("US", "Federal Emergency Management Agency", "Sarah Johnson", "Emergency management specialist", "en"),
    ("US", "Federal Emergency Management Agency", "Luis Hernández", "Community outreach officer", "es"),
    ("US", "Federal Emergency Management Agency", "Karen Lee", "Planning section chief", "en"),
    ("EG", "Ministry of Foreign Affairs", "أحمد حسن", "Consular officer", "ar"),
    ("EG", "Ministry of Foreign Affairs", "فاطمة محمود", "Second Secretary", "ar"),
    ("EG", "Ministry of Foreign Affairs", "محمد عبد الله", "Consul", "ar"),
    ("EG", "Ministry of Foreign Affairs", "Nour El-Sayed", "Attaché", "fr"),
    ("EG", "Ministry of Foreign Affairs", "يوسف إبراهيم", "Crisis cell officer", "ar"),
    ("EG", "Ministry of Social Solidarity", "مريم علي", "Social worker", "ar"),
    ("EG", "Ministry of Social Solidarity", "عمر سعيد", "Relief coordinator", "ar"),
    ("EG", "Ministry of Social Solidarity", "Hana Farouk", "Case management officer", "fr"),
    ("CN", "Ministry of Foreign Affairs", "周杰", "Consular officer", "zh"),
    ("UZ", "Ministry of Emergency Situations", "Ольга Ким", "Information officer", "ru"),
    ("US", "Department of State", "Amina Yusuf", "Consular officer", "en"),
)

FOCAL_POINTS = (
    ("CN", "Ministry of Foreign Affairs", "孙宏", "Training focal point"),
    ("UZ", "Ministry of Emergency Situations", "Санжар Абдуллаев", "Training focal point"),
    ("PH", "Department of Foreign Affairs", "Teresa Aquino", "Training focal point"),
    ("EG", "Ministry of Foreign Affairs", "ليلى منصور", "Training focal point"),
)

TRAINERS = (("Claire Dubois", "fr"), ("Kwame Mensah", "en"))


@dataclass
class DemoResult:
    created: int
    skipped: int
    password: str


def real_accounts() -> int:
    """Accounts that are neither demo accounts nor administrators: a sign this is a live database."""
    query = select(func.count()).select_from(User).where(~User.email.endswith(DEMO_DOMAIN), User.role != Role.ADMIN)
    return db.session.scalar(query)


def _ministry(country: str, name: str) -> Ministry:
    return find_ministry(country, name) or add_ministry(country, name)


def _people() -> list[tuple]:
    """(e-mail, name, role, fields) of every demo account."""
    people = [
        (f"learner{n:02d}{DEMO_DOMAIN}", name, Role.LEARNER, country, ministry, position, lang)
        for n, (country, ministry, name, position, lang) in enumerate(LEARNERS, start=1)
    ]
    people += [
        (f"focal.{country.lower()}{DEMO_DOMAIN}", name, Role.FOCAL_POINT, country, ministry, position, "en")
        for country, ministry, name, position in FOCAL_POINTS
    ]
    accounts = [
        (email, name, role, {"country_code": country, "ministry": _ministry(country, ministry), "position": position,
                             "preferred_language": lang})
        for email, name, role, country, ministry, position, lang in people
    ]  # fmt: skip
    accounts += [
        (f"trainer{n}{DEMO_DOMAIN}", name, Role.TRAINER, {"country_code": "CH", "position": "IOM trainer",
                                                          "preferred_language": lang})
        for n, (name, lang) in enumerate(TRAINERS, start=1)
    ]  # fmt: skip
    return accounts


def load_demo() -> DemoResult:
    """Create the demo population with a fresh random password; existing accounts are left as they are."""
    # Random per run, never in the code: a demo loaded by mistake on a live server is no open door.
    password = "-".join(secrets.token_urlsafe(6) for _ in range(3))
    ensure_starter_ministries()
    for country, name in EXTRA_MINISTRIES:
        _ministry(country, name)
    created = skipped = 0
    for email, name, role, fields in _people():
        if find_user_by_email(email) is not None:
            skipped += 1
            continue
        create_user(email, password, name, role=role, **fields)
        created += 1
    return DemoResult(created, skipped, password)

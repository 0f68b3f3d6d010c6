"""A realistic demo population: ministries in five countries, trainers, focal points, 40 learners."""

from dataclasses import dataclass

from app.auth.services import create_user, find_user_by_email
from app.ministries import add_ministry, ensure_starter_ministries, find_ministry
from app.models import Ministry, Role

# Published on purpose: demo accounts exist for screenshots and trials, never on real data.
DEMO_PASSWORD = "harbour-lantern-orchid-2026"  # noqa: S105

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


def _ministry(country: str, name: str) -> Ministry:
    return find_ministry(country, name) or add_ministry(country, name)


def _make(email: str, name: str, role: Role, **fields) -> bool:
    if find_user_by_email(email) is not None:
        return False
    create_user(email, DEMO_PASSWORD, name, role=role, **fields)
    return True


def load_demo() -> DemoResult:
    """Create the demo population; accounts that already exist are left as they are."""
    ensure_starter_ministries()
    for country, name in EXTRA_MINISTRIES:
        _ministry(country, name)
    created = skipped = 0
    people = [
        (f"learner{n:02d}@demo.example", name, Role.LEARNER, country, ministry, position, lang)
        for n, (country, ministry, name, position, lang) in enumerate(LEARNERS, start=1)
    ]
    people += [
        (f"focal.{country.lower()}@demo.example", name, Role.FOCAL_POINT, country, ministry, position, "en")
        for country, ministry, name, position in FOCAL_POINTS
    ]
    for email, name, role, country, ministry, position, lang in people:
        made = _make(
            email,
            name,
            role,
            country_code=country,
            ministry=_ministry(country, ministry),
            position=position,
            preferred_language=lang,
        )
        created, skipped = (created + 1, skipped) if made else (created, skipped + 1)
    for n, (name, lang) in enumerate(TRAINERS, start=1):
        made = _make(
            f"trainer{n}@demo.example",
            name,
            Role.TRAINER,
            country_code="CH",
            position="IOM trainer",
            preferred_language=lang,
        )
        created, skipped = (created + 1, skipped) if made else (created, skipped + 1)
    return DemoResult(created, skipped)

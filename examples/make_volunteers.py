"""Build examples/volunteers.xlsx: a fictional exchange of 61 volunteers.

Every name, practice and address here is invented. The workbook is written the way an
administrator might keep it (a title above the header, headers in their own words, days
typed every way) so that it shows what the reader forgives. Run it again after changing it:
``python examples/make_volunteers.py``.
"""

from __future__ import annotations

import random
from pathlib import Path

import openpyxl
from openpyxl.styles import Font

HERE = Path(__file__).parent
rng = random.Random(2027)

PRACTICES = {  # practice -> cluster
    "Harbourside Surgery": "Cluster 1", "Elmfield Medical Centre": "Cluster 1",
    "Kingsway Health Centre": "Cluster 2", "Orchard Lane Practice": "Cluster 2",
    "Milldown Surgery": "Cluster 3", "St Clement's Practice": "Cluster 3",
    "Westcliff Medical Group": "Cluster 4", "Brookvale Surgery": "Cluster 4",
}
SPECIALTIES = ["Cardiology", "Respiratory Medicine", "Diabetes and Endocrinology",
               "Gastroenterology", "Paediatrics", "Elderly Care", "Emergency Medicine",
               "Dermatology", "Orthopaedics", "Oncology", "Rheumatology", "Radiology",
               "Acute Medicine", "Obstetrics and Gynaecology", "Psychiatry"]
FIRST = ["Amelia", "Oliver", "Isla", "Arjun", "Freya", "Tomasz", "Niamh", "Kwame", "Elif",
         "Rhys", "Priya", "Callum", "Zainab", "Hugo", "Mei", "Declan", "Siân", "Femi",
         "Harriet", "Idris", "Joanna", "Luca", "Maryam", "Nikhil", "Orla", "Piotr", "Rosa",
         "Samir", "Tegan", "Usman", "Vivienne", "Wilf", "Yasmin", "Aled", "Beatrix", "Chidi",
         "Dara", "Esme", "Farid", "Greta", "Hamza", "Ingrid", "Jude", "Kezia", "Leon",
         "Marta", "Noor", "Owain", "Phoebe", "Quentin", "Ravi", "Saoirse", "Theo", "Una",
         "Viktor", "Winifred", "Xander", "Yusuf", "Zofia", "Anwen", "Bram"]
LAST = ["Ashworth", "Pemberton", "Okonkwo", "Rasmussen", "Delacroix", "Hartigan", "Mirza",
        "Quayle", "Strand", "Tolley", "Varga", "Whitlow", "Abernethy", "Bellamy", "Corrigan",
        "Dunmore", "Ó Briain", "Fairbairn", "Gallacher", "Hollis", "Iqbal", "Jessop",
        "Kowalczyk", "Lindqvist", "Marchetti", "Nakamura", "Oyelaran", "Penhaligon", "Rooke",
        "Sandoval", "Thackeray", "Umeh", "Vasquez", "Wendover", "Yardley", "Zielinski",
        "Arkwright", "Blackmore", "Chaudhry", "Drummond", "Eversley", "Fenwick", "Greaves",
        "Hargreaves", "Ince", "Juniper", "Kerrigan", "Lockhart", "Mbeki", "Nettleton",
        "Ollerton", "Prendergast", "Ridley", "Selwood", "Trelawny", "Upton", "Vickers",
        "Waddington", "Yeoman", "Zubair", "Almond"]
DAYS = ["any", "", "Mon, Wed", "Tue-Thu", "Monday/Thursday", "Fri am", "Mon PM", "Wed",
        "Tue, Fri", "Thursday mornings", "Mon-Wed", "Wed pm, Thu", "any", "", ""]


def people() -> list[dict[str, object]]:
    names = list(zip(FIRST, LAST, strict=True))
    rows: list[dict[str, object]] = []
    practices = list(PRACTICES)
    primary_roles = ["GP"] * 24 + ["Practice nurse"] * 3 + ["ANP"] * 3 + ["Practice pharmacist"] * 2
    secondary_roles = ["Consultant"] * 24 + ["Registrar"] * 2 + ["Ward nurse"] * 2 + \
        ["Hospital pharmacist"]
    for index, role in enumerate(primary_roles):
        first, last = names[index]
        practice = practices[index % len(practices)]
        title = "Dr " if role == "GP" else ""
        # the role's last word as a specialty ("Practice nurse": Nurse), an abbreviation as
        # written ("ANP", which capitalize() made "Anp")
        word = role.split()[-1]
        rows.append({"name": f"{title}{first} {last}", "role": role, "org": practice,
                     "cluster": PRACTICES[practice], "specialty": "General Practice"
                     if role == "GP" else word if word.isupper() else word.capitalize()})
    for index, role in enumerate(secondary_roles):
        first, last = names[len(primary_roles) + index]
        specialty = SPECIALTIES[index % len(SPECIALTIES)]
        title = "Dr " if role in ("Consultant", "Registrar") else ""
        if role == "Consultant" and index % 7 == 3:
            title = "Prof "
        rows.append({"name": f"{title}{first} {last}", "role": role,
                     "org": f"Eastshire General Hospital - {specialty}", "specialty": specialty,
                     "cluster": f"Cluster {1 + index % 4}"})
    for row in rows:
        plain = row["name"].replace("Dr ", "").replace("Prof ", "")  # type: ignore[union-attr]
        local = plain.lower().replace(" ", ".").replace("ó", "o").replace("â", "a")
        row["email"] = f"{local}@nhs.net"
        row["phone"] = f"07700 900{rng.randint(100, 999)}"
        row["host"] = rng.choice(DAYS)
        row["visit"] = rng.choice(DAYS)
    return rows


def main() -> None:
    rows = people()
    primary = [r for r in rows if r["org"] in PRACTICES]
    secondary = [r for r in rows if r not in primary]
    for person in primary:  # GPs name consultants, specialties or nothing
        choices: list[str] = []
        for _ in range(3):
            pick = rng.random()
            if pick < 0.4:
                choices.append(str(rng.choice(secondary)["name"]))
            elif pick < 0.75:
                choices.append(rng.choice(SPECIALTIES))
            else:
                choices.append("")
        if rng.random() < 0.2:
            choices = ["No preference", "", ""]
        person["prefs"] = choices
    for person in secondary:
        choices = []
        for _ in range(3):
            pick = rng.random()
            if pick < 0.35:
                choices.append(str(rng.choice(primary)["name"]))
            elif pick < 0.55:
                choices.append(rng.choice(list(PRACTICES)))
            else:
                choices.append("")
        person["prefs"] = choices
    # A consultant registered at a practice, and colleagues who have treated each other.
    secondary[0]["registered"] = "Harbourside Surgery"
    secondary[5]["registered"] = "Kingsway Health Centre"
    secondary[9]["registered"] = "Milldown Surgery"
    primary[3]["avoid"] = str(secondary[2]["email"])
    secondary[7]["avoid"] = f"{primary[10]['name']}; {primary[11]['name']}"
    # A pre-agreed pair, a consultant who will take two partners, someone who withdrew.
    primary[1]["partner"] = str(secondary[4]["name"])
    secondary[12]["capacity"] = 2
    primary[20]["status"] = "withdrawn"
    primary[20]["notes"] = "Moved practice in March"
    primary[6]["adjustments"] = "Step-free access needed"
    secondary[3]["adjustments"] = "Prefers written instructions; hearing loop helpful"
    secondary[8]["notes"] = "Keen to meet a GP with a diabetes interest"
    # Secondary side: the registered practice column is left blank for most.
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Volunteers"
    sheet["A1"] = "Eastshire Learning from Liaison Exchange 2027: volunteers"
    sheet["A1"].font = Font(bold=True, size=14)
    headers = ["Full name", "E-mail", "Mobile", "Job title", "Practice", "Speciality", "PCN",
               "Registered with", "Days to host", "Days to visit", "1st choice", "2nd choice",
               "3rd choice", "Do not pair with", "Max partners", "Partner", "Status",
               "Reasonable adjustments", "Comments", "Years qualified"]
    sheet.append([])
    sheet.append(headers)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for person in primary + secondary:
        prefs = person["prefs"]
        assert isinstance(prefs, list)
        sheet.append([person["name"], person["email"], person["phone"], person["role"],
                      person["org"], person["specialty"], person["cluster"],
                      person.get("registered", ""), person["host"], person["visit"],
                      prefs[0], prefs[1], prefs[2], person.get("avoid", ""),
                      person.get("capacity", None), person.get("partner", ""),
                      person.get("status", ""), person.get("adjustments", ""),
                      person.get("notes", ""), rng.randint(2, 30)])
    for column, width in zip("ABCDEFGHIJKLMNOPQRST", [26, 34, 16, 20, 38, 26, 11, 24, 16, 16,
                                                      26, 26, 26, 30, 12, 24, 12, 30, 30, 10],
                             strict=True):
        sheet.column_dimensions[column].width = width
    book.save(HERE / "volunteers.xlsx")


if __name__ == "__main__":
    main()

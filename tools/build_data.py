#!/usr/bin/env python3
"""Rebuilds the small data files under data/ from the vendored sources in data/sources/.

Usage (from anywhere): python3 tools/build_data.py [SOURCE_DIR]

SOURCE_DIR defaults to data/sources (../shared/data has the same layout). Writes:
  data/stopwords.txt  union of the two MIT stopword lists, cleaned, plus data/stopwords_extra.txt
  data/places.txt     CLDR territory and exemplar-city names (Unicode License v3),
                      minus organisations and non-places, plus data/places_extra.txt
  data/rules.txt      CLDR Gregorian and Islamic month names, weekdays and currency units
                      (Unicode License v3) merged with data/rules_extra.txt
  data/ner_wikicats.txt  the words of the ArWikiCats names (people, cities, clubs, places; MIT),
                      by list and position in the name
  data/ner_first_names.txt, data/ner_last_names.txt
                      the given (male, then female) and family names of AKhateeb/arabic-names
                      (MIT), unchanged, under a header
"""
import os
import sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "data", "sources")
if not os.path.isdir(os.path.join(src, "gazetteers")):
    sys.exit(f"build_data: {src} has no gazetteers/ folder: pass the sources folder (data/sources, or ../shared/data)")


def read_lines(p):
    return [l.strip() for l in open(p, encoding="utf-8") if l.strip() and not l.startswith("#")]


# --- stopwords ---------------------------------------------------------------------------
# Upstream entries are compared without harakat and tatweel, so data/stopwords_removed.txt can
# list a word in any vocalization. Removals: month and day names, currencies, content words,
# name parts (each group commented there). Additions: data/stopwords_extra.txt.
MARKS = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0670", "\u0640"}


def bare(w):
    return "".join(c for c in w if c not in MARKS)


removed = {bare(w) for w in read_lines(os.path.join(root, "data", "stopwords_removed.txt"))}
words = []
seen = set()
for name in ("mohataher-list.txt", "stopwords-iso-ar.txt"):
    for w in read_lines(os.path.join(src, "stopwords", name)):
        if "?" in w or not any("\u0621" <= c <= "\u064a" for c in w):
            continue
        if bare(w) in removed or w in seen:
            continue
        seen.add(w)
        words.append(w)
for w in read_lines(os.path.join(root, "data", "stopwords_extra.txt")):
    if w not in seen:
        seen.add(w)
        words.append(w)
with open(os.path.join(root, "data", "stopwords.txt"), "w", encoding="utf-8") as f:
    f.write("# Arabic stopwords. From mohataher/arabic-stop-words and stopwords-iso/stopwords-ar (both MIT),\n")
    f.write("# cleaned (data/stopwords_removed.txt) and extended (data/stopwords_extra.txt).\n")
    f.write("# Rebuilt by: python3 tools/build_data.py\n")
    for w in words:
        f.write(w + "\n")

# --- places ------------------------------------------------------------------------------
NOT_PLACES = {"001", "EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"}
places = []
seen = set()
for line in open(os.path.join(src, "gazetteers", "territories_ar.tsv"), encoding="utf-8"):
    code, name = line.rstrip("\n").split("\t")[:2]
    if code in NOT_PLACES or "(" in name:
        continue
    if name not in seen:
        seen.add(name)
        places.append(name)
for line in open(os.path.join(src, "gazetteers", "cities_exemplar_ar.tsv"), encoding="utf-8"):
    name = line.rstrip("\n").split("\t")[1]
    if name not in seen and "(" not in name:
        seen.add(name)
        places.append(name)
for name in read_lines(os.path.join(root, "data", "places_extra.txt")):
    if name not in seen:
        seen.add(name)
        places.append(name)
with open(os.path.join(root, "data", "places.txt"), "w", encoding="utf-8") as f:
    f.write("# Arabic place names: Unicode CLDR 47 territories and exemplar cities (Unicode License v3,\n")
    f.write("# see data/LICENSES/CLDR.LICENSE) plus data/places_extra.txt. Rebuilt by: python3 tools/build_data.py\n")
    for n in places:
        f.write(n + "\n")
print(f"stopwords: {len(words)}, places: {len(places)}")

# --- rule words (dates, money, quantities) ---------------------------------------------------
import json
sections = {}
order = []
def add(sec, w):
    if sec not in sections:
        sections[sec] = []
        order.append(sec)
    if w not in sections[sec]:
        sections[sec].append(w)
greg = json.load(open(os.path.join(src, "gazetteers", "ca-gregorian.json"), encoding="utf-8"))["main"]["ar"]["dates"]["calendars"]["gregorian"]
for ctx in ("format", "stand-alone"):
    for width in ("wide", "abbreviated"):
        for k in sorted(greg["months"][ctx][width], key=int):
            add("month", greg["months"][ctx][width][k])
for k in ("sun", "mon", "tue", "wed", "thu", "fri", "sat"):
    add("weekday", greg["days"]["format"]["wide"][k])
isl = json.load(open(os.path.join(src, "gazetteers", "ca-islamic.json"), encoding="utf-8"))["main"]["ar"]["dates"]["calendars"]["islamic"]
for k in sorted(isl["months"]["format"]["wide"], key=int):
    add("islamic_month", isl["months"]["format"]["wide"][k])
cur = None
for line in open(os.path.join(root, "data", "rules_extra.txt"), encoding="utf-8"):
    line = line.strip()
    if not line or line.startswith("#"):
        continue
    if line.startswith("[") and line.endswith("]"):
        cur = line[1:-1]
        continue
    add(cur, line)
# Currency units: the first word of CLDR's two-word names (دولار أسترالي -> دولار). Not
# the units of account, the test code and the unknown currency, whose first words are ordinary
# words («وحدة» unit, «حقوق» rights, «كود» code, «عملة» currency): the rules make the word
# after an amount its currency name (MISC), and «40 وحدة سكنية» is forty housing units.
NOT_UNITS = {"XBA", "XBB", "XBC", "XBD", "XDR", "XEU", "XFU", "XTS", "XXX"}
for line in open(os.path.join(src, "gazetteers", "currencies_ar.tsv"), encoding="utf-8"):
    code, name = line.rstrip("\n").split("\t")[:2]
    if code in NOT_UNITS:
        continue
    words = name.split()
    if len(words) >= 2 and "-" not in name and len(words[0]) >= 3:
        add("currency", words[0])
with open(os.path.join(root, "data", "rules.txt"), "w", encoding="utf-8") as f:
    f.write("# Words for DATE, MONEY, PERCENT, QUANTITY rules. Month, weekday and currency names from Unicode\n")
    f.write("# CLDR 47 (Unicode License v3) and data/rules_extra.txt (Kashif's own). Rebuilt by: python3 tools/build_data.py\n")
    for sec in order:
        f.write(f"[{sec}]\n")
        for w in sections[sec]:
            f.write(w + "\n")
print("rules:", {k: len(v) for k, v in sections.items()})

# --- name lists for the tagger and the verb test --------------------------------------------
NAMES_HEADER = "# see data/LICENSES/AKhateeb-arabic-names.LICENSE. Rebuilt by: python3 tools/build_data.py (from data/sources/gazetteers/names/).\n"


def write_names(out, title, files):
    with open(os.path.join(root, "data", out), "w", encoding="utf-8") as f:
        f.write(f"# {title}, one a line. From AKhateeb/arabic-names (MIT),\n" + NAMES_HEADER)
        for name in files:
            f.write(open(os.path.join(src, "gazetteers", "names", name), encoding="utf-8").read())


write_names("ner_first_names.txt", "Arabic given names (male and female)", ["male-first-names-ar.txt", "female-first-names-ar.txt"])
write_names("ner_last_names.txt", "Arabic family names", ["last-names-ar.txt"])
print("names: given and family names copied")


# --- ArWikiCats name words ------------------------------------------------------------------
# The words of the Arabic names in the ArWikiCats lists (people, cities, clubs, places; MIT as
# declared by the project; the names are Wikipedia titles, CC BY-SA), the parenthesized
# disambiguations stripped («آربيرغ (سويسرا)» → «آربيرغ»). Each word is listed under the set of
# (list, position) classes it has: P people, C cities, K clubs and teams, L other places; 1 the
# name's first word, 2 a later word. The tagger reads them as per-word facts (src/entities/features.rs).
import re

WIKICATS = [("people.tsv", "P"), ("cities.tsv", "C"), ("clubs.tsv", "K"), ("places.tsv", "L")]
classes = {}
for name, c in WIKICATS:
    lines = open(os.path.join(src, "gazetteers", "arwikicats", name), encoding="utf-8").read().splitlines()[1:]
    for line in lines:
        ar = re.sub(r"\s*\([^)]*\)", "", line.split("\t")[1]).strip()
        for i, w in enumerate(ar.split()):
            if any("\u0621" <= ch <= "\u064a" for ch in w):
                classes.setdefault(w, set()).add(c + ("1" if i == 0 else "2"))
sections = {}
for w, cs in classes.items():
    sections.setdefault(" ".join(sorted(cs)), []).append(w)
with open(os.path.join(root, "data", "ner_wikicats.txt"), "w", encoding="utf-8") as f:
    f.write("# Words of the Arabic names of the ArWikiCats lists (people, cities, clubs, places): MIT as declared\n")
    f.write("# by the project; the names are Wikipedia titles (CC BY-SA). Under each '@' line, the words that have\n")
    f.write("# exactly those classes: P people, C cities, K clubs, L places; 1 first word of a name, 2 a later word.\n")
    f.write("# Rebuilt by: python3 tools/build_data.py\n")
    for k in sorted(sections):
        f.write(f"@ {k}\n")
        for w in sorted(sections[k]):
            f.write(w + "\n")

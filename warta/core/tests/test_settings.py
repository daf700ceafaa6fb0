"""Settings are read from the environment in one place; each test starts a fresh process."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

PRINT_SETTINGS = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'db': s.DATABASES['default']['ENGINE'], "
    "'cache': s.CACHES['default']['BACKEND'], 'media': s.STORAGES['default']['BACKEND'], "
    "'debug': s.DEBUG}))"
)


def run(args, **env):
    # Start from the test run's environment, less what the tests set themselves
    # (the browser fixture allows Django's sync calls under Playwright's loop).
    ignored = {
        "DATABASE_URL",
        "REDIS_URL",
        "S3_BUCKET",
        "WARTA_ENV",
        "SECRET_KEY",
        "DEBUG",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    }
    clean = {k: v for k, v in os.environ.items() if k not in ignored}
    clean.update(DJANGO_SETTINGS_MODULE="warta.settings", **env)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


def configured(**env):
    result = run(["-c", PRINT_SETTINGS], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_nothing_set_gives_sqlite_memory_cache_and_local_files(tmp_path):
    assert configured(WARTA_DATA_DIR=str(tmp_path)) == {
        "db": "django.db.backends.sqlite3",
        "cache": "django.core.cache.backends.locmem.LocMemCache",
        "media": "django.core.files.storage.FileSystemStorage",
        "debug": False,
    }


def test_environment_variables_switch_on_postgresql_redis_and_s3(tmp_path):
    assert configured(
        WARTA_DATA_DIR=str(tmp_path),
        DATABASE_URL="postgres://warta@127.0.0.1:5432/warta",
        REDIS_URL="redis://127.0.0.1:6379/0",
        S3_BUCKET="media",
    ) == {
        "db": "django.db.backends.postgresql",
        "cache": "warta.core.cache.DegradingRedisCache",
        "media": "storages.backends.s3.S3Storage",
        "debug": False,
    }


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run(["manage.py", "check"], WARTA_DATA_DIR=str(tmp_path), WARTA_ENV="production")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_passes_the_deployment_check_without_warnings(tmp_path):
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        WARTA_DATA_DIR=str(tmp_path),
        WARTA_ENV="production",
        SECRET_KEY="x" * 64 + "-production-test-key-with-enough-entropy-AbCdEf0123456789",
        ALLOWED_HOSTS="balicitizen.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_misspelt_boolean_stops_start_up_with_the_variables_name(tmp_path):
    result = run(["manage.py", "check"], WARTA_DATA_DIR=str(tmp_path), DEBUG="ture")
    assert result.returncode != 0
    assert "DEBUG='ture' is not a boolean" in result.stderr


DATABASE_OPTIONS = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "d = s.DATABASES['default']; "
    "print(json.dumps({'health': d.get('CONN_HEALTH_CHECKS'), "
    "'timeout': d.get('OPTIONS', {}).get('timeout'), "
    "'mode': d.get('OPTIONS', {}).get('transaction_mode')}))"
)


def database_options(**env):
    result = run(["-c", DATABASE_OPTIONS], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_postgresql_connections_are_health_checked_before_reuse(tmp_path):
    options = database_options(
        WARTA_DATA_DIR=str(tmp_path), DATABASE_URL="postgres://warta@127.0.0.1:5432/warta"
    )
    assert options["health"] is True


def test_sqlite_writers_take_the_lock_at_begin_and_wait_a_bounded_time(tmp_path):
    assert database_options(WARTA_DATA_DIR=str(tmp_path)) == {
        "health": False,
        "timeout": 10,
        "mode": "IMMEDIATE",
    }
    options = database_options(WARTA_DATA_DIR=str(tmp_path), WARTA_SQLITE_BUSY_TIMEOUT="3")
    assert options["timeout"] == 3

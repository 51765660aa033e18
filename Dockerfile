# Production image: PostgreSQL, Redis and (optionally) Elasticsearch come from the environment.
# Build: docker build -t co-knowledge-hub .   Run: see docs/deploy.md and docker-compose.yml.
#
# The base is Debian 13 (trixie): its expat (2.7) carries the fixes of the 2.6 and 2.7 releases that
# the feed parser relies on; Debian 12's reports 2.5.0. The build stops if the runtime's is older
# (docs/adr/0056).
ARG PYTHON_IMAGE=python:3.12-slim-trixie

FROM ${PYTHON_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential libjpeg62-turbo-dev zlib1g-dev libwebp-dev \
    && rm -rf /var/lib/apt/lists/*
RUN python -m venv /venv
COPY requirements.txt /tmp/requirements.txt
RUN /venv/bin/pip install -r /tmp/requirements.txt

FROM ${PYTHON_IMAGE} AS app
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PATH=/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=settings.production \
    PORT=8000
RUN apt-get update \
    && apt-get upgrade -y \
    && apt-get install -y --no-install-recommends libjpeg62-turbo zlib1g libwebp7 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --uid 1000 hub
RUN python -c "import pyexpat, sys; sys.exit(0 if pyexpat.version_info >= (2, 7, 0) else 'expat ' + pyexpat.EXPAT_VERSION + ' is older than 2.7: use a newer base image')"
COPY --from=build /venv /venv
WORKDIR /app
# The code belongs to root and is read-only to the app user: a compromised process cannot change it.
COPY . /app
# collectstatic needs settings but no real secrets or database: throwaway values, build time only.
RUN SECRET_KEY=build-only-$(python -c "import secrets; print(secrets.token_urlsafe(48))") \
    ALLOWED_HOSTS=build.invalid DATABASE_URL=sqlite:////tmp/build.sqlite3 CACHE_URL=redis://build.invalid:6379/0 \
    python manage.py collectstatic --noinput --verbosity 0 \
    && rm -f /tmp/build.sqlite3 \
    && python -m compileall -q /app \
    && chmod -R u=rwX,go=rX /app \
    && mkdir -p /app/var/media \
    && chown -R hub:hub /app/var
# Only uploads (a volume in docker-compose) are writable by the app user.
VOLUME ["/app/var/media"]
USER hub
EXPOSE 8000
# /healthz checks the database and the shared cache (hub/health.py): 200 when the server can answer
# (also "degraded" with the cache down), 503 when the database is unreachable.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["python", "/app/scripts/healthcheck.py"]
CMD ["gunicorn", "--config", "/app/gunicorn.conf.py", "hub.wsgi:application"]

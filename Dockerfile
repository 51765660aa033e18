# Production image: PostgreSQL, Redis and (optionally) Elasticsearch come from the environment.
# Build: docker build -t co-knowledge-hub .   Run: see docs/deploy.md and docker-compose.yml.

FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential libjpeg62-turbo-dev zlib1g-dev libwebp-dev \
    && rm -rf /var/lib/apt/lists/*
RUN python -m venv /venv
COPY requirements.txt /tmp/requirements.txt
RUN /venv/bin/pip install -r /tmp/requirements.txt

FROM python:3.11-slim-bookworm AS app
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PATH=/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=settings.production \
    PORT=8000
RUN apt-get update \
    && apt-get install -y --no-install-recommends libjpeg62-turbo zlib1g libwebp7 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --uid 1000 hub
COPY --from=build /venv /venv
WORKDIR /app
COPY --chown=hub:hub . /app
# collectstatic needs settings but no real secrets or database: throwaway values, build time only.
RUN SECRET_KEY=build-only-$(python -c "import secrets; print(secrets.token_urlsafe(48))") \
    ALLOWED_HOSTS=build.invalid DATABASE_URL=sqlite:////tmp/build.sqlite3 CACHE_URL=redis://build.invalid:6379/0 \
    python manage.py collectstatic --noinput --verbosity 0 \
    && mkdir -p /app/var/media && chown -R hub:hub /app/var /app/static_collected
USER hub
EXPOSE 8000
CMD ["sh", "-c", "gunicorn hub.wsgi:application --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY:-3} --access-logfile - --forwarded-allow-ips='*'"]

# rocu-bot: the Slack app over HTTP, with the store on a volume (README: "Deploying with the data
# kept"). Build: docker build -t rocu-bot .   Run: docker compose up -d (see compose.yaml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    ROCU_DB=/data/rocu.db \
    ROCU_BACKUP_DIR=/data/backups \
    PORT=3000

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
RUN pip install . \
    && useradd --create-home --uid 10001 rocu \
    && mkdir -p /data/backups \
    && chown -R rocu:rocu /data

USER rocu
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ.get(\"PORT\", \"3000\")}/healthz', timeout=4)"
CMD ["rocu", "serve", "--http"]

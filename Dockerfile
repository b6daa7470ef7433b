# Kỳ Họp server image. Build the web app first, then the Python service.
FROM node:20-bookworm-slim AS frontend
WORKDIR /src/frontend
COPY frontend/ ./
RUN if [ -f package.json ]; then npm ci --no-audit --no-fund && npm run build; else mkdir -p dist; fi

FROM python:3.11-slim-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    KYHOP_DATA_DIR=/var/lib/kyhop
WORKDIR /opt/kyhop
COPY pyproject.toml README.md alembic.ini ./
COPY app/ app/
COPY migrations/ migrations/
RUN pip install --no-cache-dir -e '.[postgres,redis]' \
    && useradd --system --home /var/lib/kyhop kyhop \
    && mkdir -p /var/lib/kyhop && chown kyhop /var/lib/kyhop
COPY --from=frontend /src/frontend/dist frontend/dist
USER kyhop
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"
CMD ["kyhop", "serve", "--host", "0.0.0.0", "--port", "8000"]

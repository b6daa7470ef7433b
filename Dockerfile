# Kỳ Họp server image. Build the web app first, then the Python service.
# The same Node.js as the Makefile's NODE_VERSION (pdfjs-dist 6 needs Node >= 22.13).
FROM node:22.23.5-bookworm-slim AS frontend
WORKDIR /src/frontend
COPY frontend/ ./
RUN if [ -f package.json ]; then npm ci --no-audit --no-fund && npm run build; else mkdir -p dist; fi

FROM python:3.11-slim-bookworm
# fonts: watermarks and generated PDFs; libicu: Vietnamese collation (PyICU is built against it);
# postgresql-client: `kyhop backup` / `restore` with PostgreSQL.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core libicu72 \
        postgresql-client && rm -rf /var/lib/apt/lists/*
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    KYHOP_DATA_DIR=/var/lib/kyhop
WORKDIR /opt/kyhop
COPY pyproject.toml README.md alembic.ini ./
COPY app/ app/
COPY migrations/ migrations/
RUN apt-get update && apt-get install -y --no-install-recommends libicu-dev pkg-config g++ \
    && pip install --no-cache-dir -e '.[postgres,redis]' \
    && apt-get purge -y --auto-remove libicu-dev pkg-config g++ && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /var/lib/kyhop kyhop \
    && mkdir -p /var/lib/kyhop && chown kyhop /var/lib/kyhop
COPY --from=frontend /src/frontend/dist frontend/dist
USER kyhop
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"
CMD ["kyhop", "serve", "--host", "0.0.0.0", "--port", "8000"]

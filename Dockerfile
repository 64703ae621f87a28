# specq worker image: the CLI, the Celery workers and the migrations (docker-compose.yml runs it).
FROM python:3.11-slim

ENV PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    SPECQ_DATA_DIR=/app/.specq \
    HF_HOME=/app/.specq/hf

WORKDIR /app

# torch first and pinned, as `make install` does. PyPI's Linux wheel is the CUDA build; pass
# --build-arg TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu for a CPU-only image.
ARG TORCH_VERSION=2.13.0
ARG TORCH_INDEX_URL=
RUN pip install "torch==${TORCH_VERSION}" ${TORCH_INDEX_URL:+--index-url "$TORCH_INDEX_URL"}

COPY pyproject.toml README.md alembic.ini specq.toml ./
COPY specq ./specq
COPY producer ./producer
COPY workers ./workers
COPY models ./models
COPY db ./db
COPY bench ./bench
COPY migrations ./migrations
COPY cli ./cli
RUN pip install ".[flower]"

RUN useradd --create-home --uid 10001 specq && mkdir -p /app/.specq && chown -R specq /app/.specq
USER specq
VOLUME ["/app/.specq"]
CMD ["specq", "--help"]

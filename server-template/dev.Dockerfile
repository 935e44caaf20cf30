# The image that ships plus test tools: `make unit` runs the tests inside it, so they test
# exactly the server, dependencies and model that go to production.
ARG IMAGE
FROM ${IMAGE}
ARG SERVER_DEPS=pip
COPY requirements-dev.txt /tmp/requirements-dev.txt
RUN set -eux; \
    if [ "$SERVER_DEPS" = debian ]; then \
      apt-get update; \
      apt-get install -y --no-install-recommends python3-pytest mypy black python3-pyflakes; \
      rm -rf /var/lib/apt/lists/*; \
    elif ls /tmp/wheelhouse/*.whl >/dev/null 2>&1; then \
      pip install --no-index --find-links /tmp/wheelhouse -r /tmp/requirements-dev.txt; \
    else \
      pip install -r /tmp/requirements-dev.txt; \
    fi

# The deep-learning zoo's Keras trainer: Keras 3 on JAX (CPU), which trains; the served image runs
# the same files on Keras's NumPy backend. Built once, tagged by the hash of this folder.
FROM debian:bookworm-slim
ENV DEBIAN_FRONTEND=noninteractive PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 \
    PIP_CERT=/etc/ssl/certs/ca-certificates.crt PYTHONDONTWRITEBYTECODE=1 KERAS_BACKEND=jax \
    PATH=/opt/venv/bin:/usr/sbin:/usr/bin:/sbin:/bin
COPY certs* /tmp/certs/
RUN set -eux; apt-get update; \
    apt-get install -y --no-install-recommends python3 python3-venv ca-certificates; \
    rm -rf /var/lib/apt/lists/*; \
    for c in /tmp/certs/*.crt; do [ -e "$c" ] && cp "$c" /usr/local/share/ca-certificates/; done; \
    update-ca-certificates >/dev/null; python3 -m venv /opt/venv
RUN pip install keras==3.12.0 jax==0.7.2 jaxlib==0.7.2 numpy==2.2.6 scipy==1.15.3 pytest==8.3.4 pydantic==2.11.7
COPY common.py train_keras.py /opt/zoo/
# `docker run IMAGE /out` writes /out/<entry>/ (the model file and expected.json) per entry.
ENTRYPOINT ["python", "/opt/zoo/train_keras.py"]

# The deep-learning zoo's TensorFlow trainer: tensorflow-cpu with its Keras 3, writing SavedModels
# (model.export) in SageMaker's TensorFlow Serving layout. Heavy (about 1.5 GB): `npm run zoo` only.
FROM debian:bookworm-slim
ENV DEBIAN_FRONTEND=noninteractive PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 \
    PIP_CERT=/etc/ssl/certs/ca-certificates.crt PYTHONDONTWRITEBYTECODE=1 KERAS_BACKEND=tensorflow \
    TF_CPP_MIN_LOG_LEVEL=2 PATH=/opt/venv/bin:/usr/sbin:/usr/bin:/sbin:/bin
COPY certs* /tmp/certs/
RUN set -eux; apt-get update; \
    apt-get install -y --no-install-recommends python3 python3-venv ca-certificates; \
    rm -rf /var/lib/apt/lists/*; \
    for c in /tmp/certs/*.crt; do [ -e "$c" ] && cp "$c" /usr/local/share/ca-certificates/; done; \
    update-ca-certificates >/dev/null; python3 -m venv /opt/venv
RUN pip install tensorflow-cpu==2.20.0 numpy==2.1.3
COPY common.py train_tensorflow.py /opt/zoo/
ENTRYPOINT ["python", "/opt/zoo/train_tensorflow.py"]

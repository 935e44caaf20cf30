# The model zoo's trainer: two pinned Python environments in one image, so the zoo holds what users
# actually have: /opt/np1 (numpy 1, the frameworks of late 2024) and /opt/np2 (numpy 2, current
# releases). Built once and tagged by the hash of zoo/trainer/, so later runs reuse it.
FROM debian:bookworm-slim
ENV DEBIAN_FRONTEND=noninteractive PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 \
    PIP_CERT=/etc/ssl/certs/ca-certificates.crt PYTHONDONTWRITEBYTECODE=1 \
    PATH=/usr/sbin:/usr/bin:/sbin:/bin
COPY certs* /tmp/certs/
RUN set -eux; apt-get update; \
    apt-get install -y --no-install-recommends python3 python3-venv ca-certificates libgomp1; \
    rm -rf /var/lib/apt/lists/*; \
    for c in /tmp/certs/*.crt; do [ -e "$c" ] && cp "$c" /usr/local/share/ca-certificates/; done; \
    update-ca-certificates >/dev/null
RUN python3 -m venv /opt/np1 && /opt/np1/bin/pip install \
    numpy==1.26.4 scipy==1.13.1 pandas==2.2.3 scikit-learn==1.5.2 joblib==1.4.2 \
    xgboost-cpu==2.1.4 lightgbm==4.5.0 catboost==1.2.7 \
    onnx==1.17.0 skl2onnx==1.17.0 onnxmltools==1.12.0 onnxruntime==1.20.1
RUN python3 -m venv /opt/np2 && /opt/np2/bin/pip install \
    numpy==2.3.5 scipy==1.16.3 pandas==2.3.3 scikit-learn==1.7.2 joblib==1.5.2 \
    xgboost-cpu==3.1.2 lightgbm==4.6.0 catboost==1.2.8 \
    onnx==1.19.1 skl2onnx==1.20.0 onnxmltools==1.16.0 onnxruntime==1.23.2
COPY trainer/ /opt/zoo/
# `docker run IMAGE /out` trains every entry of both environments into /out/<entry>/.
ENTRYPOINT ["/bin/sh", "/opt/zoo/train.sh"]

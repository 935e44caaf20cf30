# The deep-learning zoo's PyTorch trainer: Debian's python3-torch (1.13.1, CPU), the torch this
# machine can reach (PyPI's wheels bundle CUDA, PyTorch's CPU index is elsewhere).
FROM debian:bookworm-slim
ENV DEBIAN_FRONTEND=noninteractive PYTHONDONTWRITEBYTECODE=1
RUN set -eux; apt-get update; \
    apt-get install -y --no-install-recommends python3 python3-torch python3-numpy python3-pytest; \
    rm -rf /var/lib/apt/lists/*
COPY common.py train_torch.py /opt/zoo/
ENTRYPOINT ["python3", "/opt/zoo/train_torch.py"]

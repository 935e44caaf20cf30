"""PyTorch zoo entries (CPU): a scripted MLP classifier over 5 features with labels.txt, a traced
CNN over 1x8x8 images with input_shapes.json, and the refused kinds: a state_dict and a
torch.save of a whole module."""

import json
import os

import numpy as np
import torch
from common import folder, save_expected
from torch import nn

torch.manual_seed(5)
rng = np.random.default_rng(5)


class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(5, 16), nn.ReLU(), nn.Linear(16, 3))

    def forward(self, features):
        return self.net(features)


class Cnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3)
        self.head = nn.Linear(4 * 6 * 6, 2)

    def forward(self, image):
        return torch.softmax(self.head(torch.relu(self.conv(image)).flatten(1)), dim=1)


def train(model, x, y, steps=200):
    optimiser = torch.optim.Adam(model.parameters(), lr=0.01)
    for _ in range(steps):
        optimiser.zero_grad()
        loss = nn.functional.cross_entropy(model(x), y)
        loss.backward()
        optimiser.step()
    return model.eval()


def entry(name, module, rows, artifact, what, kind, extra=None):
    path = folder(name)
    module.save(os.path.join(path, artifact))
    for file, content in (extra or {}).items():
        with open(os.path.join(path, file), "w") as f:
            f.write(content)
    with torch.no_grad():
        outputs = module(torch.from_numpy(rows)).numpy()
    save_expected(name, framework="pytorch", version=torch.__version__, format="torchscript",
                  what=what, artifact=artifact, input=kind, rows=rows, outputs=outputs,
                  labels=np.argmax(outputs, axis=1))


if __name__ == "__main__":
    x = rng.normal(size=(300, 5)).astype("float32")
    y = torch.from_numpy(((x[:, 0] > 0).astype(int) + (x[:, 3] > 0.5)).astype("int64"))
    mlp = train(Mlp(), torch.from_numpy(x), y)
    entry("torchscript-mlp", torch.jit.script(mlp), x[:6], "model.pt",
          "a scripted MLP over 5 features, 3 classes named in labels.txt", "flat",
          {"labels.txt": "low\nmiddle\nhigh\n"})
    images = rng.normal(size=(200, 1, 8, 8)).astype("float32")
    yi = torch.from_numpy((images[:, :, :4].mean(axis=(1, 2, 3)) > 0).astype("int64"))
    cnn = train(Cnn(), torch.from_numpy(images), yi, steps=100)
    entry("torchscript-cnn", torch.jit.trace(cnn, torch.from_numpy(images[:1])), images[:4], "model.pt",
          "a traced CNN over 1x8x8 images (input_shapes.json gives the shape)", "tensor",
          {"input_shapes.json": json.dumps({"image": [1, 8, 8]})})
    torch.save(mlp.state_dict(), os.path.join(folder("torch-state-dict"), "weights.pt"))
    torch.save(mlp, os.path.join(folder("torch-module-pickle"), "model.pt"))
    print("trained torch entries")

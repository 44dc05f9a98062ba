"""PyTorch reference for the MNIST CNN's accuracy (issue 4): the exact Keras architecture and defaults.

Conv2D(32, 3x3, relu) -> MaxPooling2D(2) -> Conv2D(64, 3x3, relu) -> MaxPooling2D(2) -> Flatten -> Dropout(0.5)
-> Dense(10, softmax), with Keras's defaults: glorot_uniform kernels, zero biases, Adam(lr 1e-3, beta 0.9/0.999,
epsilon 1e-7), batch 32, the training set reshuffled every epoch, mean cross-entropy over the batch. The inputs are
the digits written by bench/nn/dumpMnistSplit.ts (already in [0, 1], i.e. /255), first `train` rows to train and
last `test` rows to test, so the split is the one lsml's example uses for the same seed.

Extra arguments after the 5th: "keras-adam" (below) and "standardize" (grey levels standardized with the training
part's mean and standard deviation, one pair for all pixels, as lsml's example does since it was measured to help).

With "keras-adam", the update is Keras's formulation instead of torch.optim.Adam's:
p -= lr·sqrt(1 - b2^t)/(1 - b1^t) · m / (sqrt(v) + eps), epsilon added to the uncorrected sqrt(v) (as lsml and Keras).

Not part of the test run. Usage:
  npx tsx bench/nn/dumpMnistSplit.ts /tmp/mnist-split-1 1
  python3 bench/nn/torchMnistAccuracy.py /tmp/mnist-split-1 1 10   # dir, seed, epochs [, train, test]
Prints one JSON line per epoch: {"seed", "epoch", "testAccuracy"}.
"""
import json
import sys

import numpy as np
import torch
from torch import nn

data_dir = sys.argv[1]
seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
epochs = int(sys.argv[3]) if len(sys.argv) > 3 else 10
n_train = int(sys.argv[4]) if len(sys.argv) > 4 else 8000
n_test = int(sys.argv[5]) if len(sys.argv) > 5 else 2000
torch.manual_seed(seed)
torch.set_num_threads(1)

x = torch.from_numpy(np.fromfile(f"{data_dir}/x.f32", dtype="<f4").reshape(-1, 1, 28, 28).copy())
y = torch.from_numpy(np.fromfile(f"{data_dir}/y.i32", dtype="<i4").astype(np.int64))
rows = y.shape[0]
x_train, y_train = x[: min(n_train, rows - n_test)], y[: min(n_train, rows - n_test)]
x_test, y_test = x[rows - n_test:], y[rows - n_test:]
if "standardize" in sys.argv[6:]:
    mean, std = x_train.double().mean(), x_train.double().std(unbiased=False)
    x_train, x_test = ((x_train - mean) / std).float(), ((x_test - mean) / std).float()

model = nn.Sequential(
    nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Dropout(0.5), nn.Linear(1600, 10),
)
for m in model:
    if isinstance(m, (nn.Conv2d, nn.Linear)):
        nn.init.xavier_uniform_(m.weight)  # Keras glorot_uniform: fan_in = kh*kw*cin, fan_out = kh*kw*cout
        nn.init.zeros_(m.bias)
keras_adam = "keras-adam" in sys.argv[6:]


class KerasAdam(torch.optim.Optimizer):
    """Adam as Keras (and lsml) write it: epsilon is added to the uncorrected sqrt(v)."""

    def __init__(self, params, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-7):
        super().__init__(params, dict(lr=lr, beta1=beta1, beta2=beta2, eps=eps))
        self.t = 0

    @torch.no_grad()
    def step(self):
        self.t += 1
        for group in self.param_groups:
            b1, b2, eps = group["beta1"], group["beta2"], group["eps"]
            alpha = group["lr"] * (1 - b2 ** self.t) ** 0.5 / (1 - b1 ** self.t)
            for p in group["params"]:
                st = self.state[p]
                if not st:
                    st["m"] = torch.zeros_like(p)
                    st["v"] = torch.zeros_like(p)
                st["m"].add_((p.grad - st["m"]) * (1 - b1))
                st["v"].add_((p.grad * p.grad - st["v"]) * (1 - b2))
                p.sub_(alpha * st["m"] / (st["v"].sqrt() + eps))


if keras_adam:
    opt = KerasAdam(model.parameters())
else:
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-7)
loss_fn = nn.CrossEntropyLoss()  # softmax + mean categorical cross-entropy, as Keras's Dense(softmax) + loss

for epoch in range(1, epochs + 1):
    model.train()
    perm = torch.randperm(x_train.shape[0])
    for i in range(0, x_train.shape[0], 32):
        idx = perm[i:i + 32]
        opt.zero_grad()
        loss_fn(model(x_train[idx]), y_train[idx]).backward()
        opt.step()
    model.eval()
    with torch.no_grad():
        acc = (model(x_test).argmax(1) == y_test).float().mean().item()
    print(json.dumps({"seed": seed, "epoch": epoch, "testAccuracy": round(acc, 4)}), flush=True)

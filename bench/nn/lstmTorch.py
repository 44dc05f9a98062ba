"""PyTorch peer of bench/nn/lstmBench.ts: one training pass (forward, backward, Adam step) of
Embedding(64→64) → LSTM(128, sequences) → LSTM(128) → Dense(2), sequences of length 50, batch 64.

Usage: python3 lstmTorch.py [threads=2] [passes=10]. Prints one JSON line with the per-pass wall-clock and CPU times (all threads) in ms.
"""
import json
import sys
import time

import torch
from torch import nn

torch.manual_seed(0)
torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
passes = int(sys.argv[2]) if len(sys.argv) > 2 else 10


class Stacked(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(64, 64)
        self.l1 = nn.LSTM(64, 128, batch_first=True)
        self.l2 = nn.LSTM(128, 128, batch_first=True)
        self.out = nn.Linear(128, 2)

    def forward(self, ids):
        h, _ = self.l1(self.emb(ids))
        h, _ = self.l2(h)
        return self.out(h[:, -1])


model = Stacked()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = nn.CrossEntropyLoss()
ids = torch.randint(0, 64, (64, 50))
labels = torch.randint(0, 2, (64,))


def step():
    opt.zero_grad()
    loss_fn(model(ids), labels).backward()
    opt.step()


step()
step()
times = []
cpu = []
for _ in range(passes):
    t = time.perf_counter()
    c = time.process_time()
    step()
    cpu.append((time.process_time() - c) * 1000)
    times.append((time.perf_counter() - t) * 1000)
print(json.dumps({"passMs": times, "cpuMs": cpu, "torch": torch.__version__}))

"""PyTorch CPU peer of `npm run bench:nn`: the same CNN and stacked LSTM, same shapes, 2 threads.

Prints one JSON line: {"cnnSamplesPerSecond": ..., "lstmBatchMs": ...}. Run by benchNn.ts when python3 can import
torch (Debian: apt-get install python3-torch); skipped otherwise.
"""
import json
import sys
import time

import torch
from torch import nn

torch.manual_seed(0)
torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
cnn_samples = int(sys.argv[2]) if len(sys.argv) > 2 else 2048
lstm_batches = int(sys.argv[3]) if len(sys.argv) > 3 else 10

cnn = nn.Sequential(
    nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Dropout(0.5), nn.Linear(1600, 10),
)
opt = torch.optim.Adam(cnn.parameters(), lr=1e-3)
x = torch.rand(cnn_samples, 1, 28, 28)
y = torch.randint(0, 10, (cnn_samples,))
loss_fn = nn.CrossEntropyLoss()


def cnn_epoch():
    for i in range(0, cnn_samples, 32):
        opt.zero_grad()
        loss_fn(cnn(x[i:i + 32]), y[i:i + 32]).backward()
        opt.step()


cnn_epoch()  # warm-up
t = time.perf_counter()
cnn_epoch()
cnn_sps = cnn_samples / (time.perf_counter() - t)


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


lstm = Stacked()
lopt = torch.optim.Adam(lstm.parameters(), lr=1e-3)
ids = torch.randint(0, 64, (64, 50))
labels = torch.randint(0, 2, (64,))


def lstm_step():
    lopt.zero_grad()
    loss_fn(lstm(ids), labels).backward()
    lopt.step()


lstm_step()
t = time.perf_counter()
for _ in range(lstm_batches):
    lstm_step()
lstm_ms = (time.perf_counter() - t) / lstm_batches * 1000

print(json.dumps({"cnnSamplesPerSecond": cnn_sps, "lstmBatchMs": lstm_ms, "torch": torch.__version__}))

"""The model's Gaussians: sphinx ``means``/``variances`` files read and written byte for
byte, and the maths of adapting them to a voice (statistics, MLLR, MAP's inputs), for
``adapters.speech.training``. A malformed file raises ``ValueError``."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class Gaussians:
    """A sphinx ``means`` or ``variances`` file: codebook x stream x density x dimension."""

    header: bytes  # text header, byte-order magic and the dimensions, as read
    values: np.ndarray


def read_gaussians(path: Path) -> Gaussians:
    raw = path.read_bytes()
    start = raw.index(b"endhdr\n") + len(b"endhdr\n")
    if np.frombuffer(raw[start:start + 4], "<u4")[0] != 0x11223344:
        raise ValueError(f"{path} is not a little-endian sphinx parameter file")
    dimensions = np.frombuffer(raw[start + 4:start + 16], "<i4")
    codebooks, streams, densities = (int(v) for v in dimensions)
    lengths = np.frombuffer(raw[start + 16:start + 16 + 4 * streams], "<i4")
    if len(set(lengths.tolist())) != 1:
        raise ValueError(f"{path}: streams of different lengths are not supported")
    body = start + 16 + 4 * streams + 4  # after the count of values
    count = codebooks * streams * densities * int(lengths[0])
    values = np.frombuffer(raw[body:body + 4 * count], "<f4").astype(np.float64)
    return Gaussians(raw[:body], values.reshape(codebooks, streams, densities, int(lengths[0])))


def _checksum(words: np.ndarray) -> int:
    """sphinx's ``chksum0``: rotate left by 20 bits, add the next 32-bit word."""
    total = 0
    for word in words.tolist():
        total = (((total << 20) | (total >> 12)) + word) & 0xFFFFFFFF
    return total


def write_gaussians(path: Path, like: Gaussians, values: np.ndarray) -> None:
    body = values.astype("<f4").tobytes()
    magic_end = like.header.index(b"endhdr\n") + len(b"endhdr\n") + 4
    summed = np.frombuffer(like.header[magic_end:] + body, "<u4")
    path.write_bytes(like.header + body + np.array([_checksum(summed)], "<u4").tobytes())



@dataclass
class Statistics:
    """Per Gaussian: frames it explains (occupancy) and the sum of those frames."""

    occupancy: np.ndarray
    first: np.ndarray


def accumulate(clips: Sequence[tuple[np.ndarray, np.ndarray]], means: np.ndarray,
                variances: np.ndarray) -> Statistics:
    stats = Statistics(np.zeros(means.shape[:3]), np.zeros(means.shape))
    log_norm = -0.5 * np.log(variances).sum(axis=3)  # codebook x stream x density
    for phones, feats in clips:
        n = min(len(phones), len(feats))
        for codebook in np.unique(phones[:n]):
            frames = feats[:n][phones[:n] == codebook]  # t x stream x dim
            for s in range(means.shape[1]):
                mu, var = means[codebook, s], variances[codebook, s]  # density x dim
                x = frames[:, s]
                loglik = log_norm[codebook, s] - 0.5 * (
                    (x**2) @ (1 / var).T - 2 * x @ (mu / var).T + (mu**2 / var).sum(axis=1))
                post = np.exp(loglik - loglik.max(axis=1, keepdims=True))
                post /= post.sum(axis=1, keepdims=True)
                stats.occupancy[codebook, s] += post.sum(axis=0)
                stats.first[codebook, s] += post.T @ x
    return stats


def mllr(stats: Statistics, means: np.ndarray, variances: np.ndarray
          ) -> tuple[np.ndarray, np.ndarray]:
    """Per stream, the A and b maximising the likelihood of the statistics under A mu + b
    (diagonal covariances: one small linear system per row)."""
    streams, dims = means.shape[1], means.shape[3]
    a = np.zeros((streams, dims, dims))
    b = np.zeros((streams, dims))
    for s in range(streams):
        mu = means[:, s].reshape(-1, dims)
        extended = np.concatenate([mu, np.ones((len(mu), 1))], axis=1)
        occupancy = stats.occupancy[:, s].reshape(-1)
        first = stats.first[:, s].reshape(-1, dims)
        var = variances[:, s].reshape(-1, dims)
        for i in range(dims):
            weight = occupancy / var[:, i]
            g = (extended * weight[:, None]).T @ extended
            k = ((first[:, i] / var[:, i])[:, None] * extended).sum(axis=0)
            g += 1e-6 * np.trace(g) * np.eye(dims + 1)  # never singular, barely a prior
            row = np.linalg.solve(g, k)
            a[s, i], b[s, i] = row[:dims], row[dims]
    return a, b


def transformed(means: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.einsum("sij,csmj->csmi", a, means) + b[None, :, None, :]

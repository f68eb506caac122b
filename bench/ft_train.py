#!/usr/bin/env python3
"""fastText baseline, training: supervised, 2 threads, 5 epochs, word bigrams; other settings
are fastText's defaults.

    ft_train.py TRAIN.txt MODEL.bin [THREADS]
"""
import sys

import fasttext


def main():
    src, out = sys.argv[1], sys.argv[2]
    threads = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    model = fasttext.train_supervised(input=src, epoch=5, wordNgrams=2, thread=threads, verbose=0)
    model.save_model(out)
    print("ft_train: %d words, %d labels" % (len(model.words), len(model.labels)), file=sys.stderr)


if __name__ == "__main__":
    main()

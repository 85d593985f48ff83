"""``orientir demo``: a realistic portfolio generated from a documented model, stored, analysed.

:mod:`orientir.demo.model` draws companies, people, customers and answers from latent
quantities tied to the 13 rules; :mod:`orientir.demo.store` writes them through the storage
layer; :mod:`orientir.demo.run` runs every analysis and writes the outputs.
"""

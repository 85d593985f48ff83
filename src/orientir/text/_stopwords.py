"""Words that say nothing about a comment's theme, in Russian and English (lemma form).

Written for orientir. Russian function words are mostly dropped by their part of speech
(:data:`RU_DROPPED_POS`); the list catches what the tagger calls a noun, verb or adverb but
that still carries no topic (``быть``, ``очень``, ``хотеться``). A few survey words belong
here too — every answer to "what should we change?" says "company", "want", "need" — but
nothing that names a topic (``доставка``, ``price``) is ever listed.

The English list holds lowercase words as written; :mod:`orientir.text.lemmas` checks a word
both as written and after it is reduced to its key, so ``needs`` and ``needed`` drop with
``need``; the words of :data:`EN_GENERIC` also by their own keys (``takes`` with ``take``, key
``tak``). That block was added when themes were tuned on half of the English labelled set
(``docs/benchmarks.md``); the same kind of Russian words was tried and left out, as it did
not help there.
"""

from __future__ import annotations


def listed(text: str) -> frozenset[str]:
    """The words of a whitespace-separated block (keeps the lists readable)."""
    return frozenset(text.split())


# pymorphy3 part-of-speech tags without topical content: pronoun-nouns, prepositions,
# conjunctions, particles, interjections, numerals and predicatives (``нельзя``, ``надо``).
RU_DROPPED_POS = frozenset({"NPRO", "PREP", "CONJ", "PRCL", "INTJ", "NUMR", "PRED"})

RU_STOP = listed(
    """
    быть бывать стать являться есть это этот тот такой такая весь всё все каждый любой
    который какой свой сам самый один два три другой иной ещё уже также тоже только
    очень слишком совсем просто вообще именно почти даже вот ведь лишь хоть хотя
    мочь хотеть хотеться нужно нужный надо стоить сделать делать давать дать иметь
    получаться получиться становиться говорить сказать знать думать считать
    раз год месяц неделя день время час минута сегодня вчера завтра теперь сейчас
    всегда никогда иногда часто редко постоянно опять снова раньше потом затем
    хороший плохой большой маленький новый старый больше меньше лучше хуже
    много мало немного несколько сильно вполне довольно бы ли же ну да нет не ни
    компания вы ваш мы наш они их он она оно его её пожалуйста спасибо
    вопрос проблема момент случай дело вещь раз где когда как так там тут здесь
    """
)

EN_STOP = listed(
    """
    a an the and or but if then than so as at by for from in into of off on onto out over
    to up with within without about above after again against before below between both
    during through under until while is are was were be been being am do does did doing
    done have has had having get gets got getting not no nor yes only own same too very
    just also even still ever never always often sometimes usually already yet soon now
    i me my myself we us our ours ourselves you your yours yourself yourselves he him his
    she her hers it its itself they them their theirs themselves this that these those
    what which who whom whose when where why how all any each every some such more most
    less least few many much other another can could would should will shall may might
    must need needs needed want wants wanted like please thank thanks lot lots really
    quite rather one two three time times day days week weeks month months year years
    company thing things way ok okay there here let lets make makes made
    better best good great bad worse worst big small new old
    """
)

# Verbs, adverbs and pronouns that carry no topic; :mod:`orientir.text.lemmas` drops them by
# their keys too (``takes`` → ``tak``).
EN_GENERIC = listed(
    """
    take keep know show far last back instead proper give go use see tell come put seem try
    look find everything anything something nothing anyone someone everyone nobody else
    around away enough whole next first second third half able actually almost anyway maybe
    perhaps sure whether though although because since per via etc
    """
)
EN_STOP = EN_STOP | EN_GENERIC

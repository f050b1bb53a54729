"""The test corpus in French, Dutch, German, Italian and Spanish: espeak-ng voices of each
language and classroom talk in it, in a ``tune`` split (where anything may be chosen) and a
``held_out`` split (where the figures are reported), as ``speech_corpus`` does for English.

Written on 2026-12-06, before any result on them. Each language's talk has the same kinds
as the English corpus: ``near`` (sounds like a command, or holds part of one), ``word``,
``sentence`` and ``chatter``. espeak-ng has one or a few voices per language; the splits
differ in the variant (male, female, Klatt), the regional voice where there is one (fr-be,
fr-ch, es-419), speed and pitch.
"""
from __future__ import annotations

from tests.adapters.speech_corpus import Voice

LOCALES = ("fr", "nl", "de", "it", "es")

VOICES: dict[str, dict[str, tuple[Voice, ...]]] = {
    "fr": {"tune": (Voice("fr-fr", 160, 50), Voice("fr-be+f3", 145, 65),
                    Voice("fr-fr+m3", 180, 40)),
           "held_out": (Voice("fr-ch+f2", 150, 60), Voice("fr-fr+klatt", 170, 45),
                        Voice("fr-be+m1", 140, 35))},
    "nl": {"tune": (Voice("nl", 160, 50), Voice("nl+f3", 145, 65), Voice("nl+m3", 180, 40)),
           "held_out": (Voice("nl+f2", 150, 60), Voice("nl+klatt", 170, 45),
                        Voice("nl+m1", 140, 35))},
    "de": {"tune": (Voice("de", 160, 50), Voice("de+f3", 145, 65), Voice("de+m3", 180, 40)),
           "held_out": (Voice("de+f2", 150, 60), Voice("de+klatt", 170, 45),
                        Voice("de+m1", 140, 35))},
    "it": {"tune": (Voice("it", 160, 50), Voice("it+f3", 145, 65), Voice("it+m3", 180, 40)),
           "held_out": (Voice("it+f2", 150, 60), Voice("it+klatt", 170, 45),
                        Voice("it+m1", 140, 35))},
    "es": {"tune": (Voice("es", 160, 50), Voice("es-419+f3", 145, 65),
                    Voice("es+m3", 180, 40)),
           "held_out": (Voice("es-419+f2", 150, 60), Voice("es+klatt", 170, 45),
                        Voice("es+m1", 140, 35))},
}

TALK: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {
    "fr": {
        "tune": {"near": ("suivez-moi", "avant", "tourne la page", "lance la balle",
                          "arrête de parler", "ramasse tes affaires", "à demain", "répondez"),
                 "word": ("bonjour", "oui", "crayon", "maîtresse", "cantine", "sept"),
                 "sentence": ("je peux aller aux toilettes", "il pleut dehors",
                              "le chat dort sur le tapis"),
                 "chatter": ("c'est pas juste", "regarde mon robot", "c'est mon tour")},
        "held_out": {"near": ("la suite", "c'est précis", "retourne-toi", "pas maintenant",
                              "efface le tableau", "à table", "tout de suite", "aide ton ami"),
                     "word": ("non", "merci", "fenêtre", "ballon", "maman", "douze"),
                     "sentence": ("qu'est-ce qu'on fait aujourd'hui", "mon frère a un vélo",
                                  "je ne sais pas faire ça"),
                     "chatter": ("chut s'il te plaît", "rends-le moi", "j'ai fini")},
    },
    "nl": {
        "tune": {"near": ("volgend jaar", "stap in", "draai de bladzijde", "terugkomen",
                          "help hem", "kies maar", "stop met praten", "pak je jas"),
                 "word": ("hallo", "ja", "potlood", "juf", "lunch", "zeven"),
                 "sentence": ("mag ik naar de wc", "het regent buiten",
                              "de kat slaapt op de mat"),
                 "chatter": ("dat is niet eerlijk", "kijk naar mijn robot", "ik ben aan de beurt")},
        "held_out": {"near": ("vorige week", "een stoel", "rechtdoor lopen", "start de bus",
                              "doe je jas aan", "verf de muur", "haal de bal", "links en rechts"),
                     "word": ("nee", "dankjewel", "raam", "voetbal", "mama", "twaalf"),
                     "sentence": ("wat gaan we vandaag doen", "mijn broer heeft een fiets",
                                  "ik weet niet hoe dit moet"),
                     "chatter": ("stil alsjeblieft", "geef het terug", "ik ben klaar")},
    },
    "de": {
        "tune": {"near": ("nächste Woche", "Schritt für Schritt", "dreh dich um", "zurück nach Hause",
                          "hilf ihm", "nimm das Buch", "hör auf zu reden", "mal ein Bild"),
                 "word": ("hallo", "ja", "Bleistift", "Lehrerin", "Mittagessen", "sieben"),
                 "sentence": ("darf ich auf die Toilette", "es regnet draußen",
                              "die Katze schläft auf der Matte"),
                 "chatter": ("das ist unfair", "schau mal mein Roboter", "ich bin dran")},
        "held_out": {"near": ("vorher essen", "weiter so", "rechts abbiegen", "los geht's",
                              "lösch das Licht", "wieder da", "heb die Hand", "mach die Tür zu"),
                     "word": ("nein", "danke", "Fenster", "Fußball", "Mama", "zwölf"),
                     "sentence": ("was machen wir heute", "mein Bruder hat ein neues Fahrrad",
                                  "ich weiß nicht wie das geht"),
                     "chatter": ("sei bitte leise", "gib es zurück", "ich bin fertig")},
    },
    "it": {
        "tune": {"near": ("prossima settimana", "passo dopo passo", "gira la pagina",
                          "torna a casa", "aiuta lui", "prendi il libro", "smetti di parlare",
                          "colora il sole"),
                 "word": ("ciao", "sì", "matita", "maestra", "pranzo", "sette"),
                 "sentence": ("posso andare in bagno", "fuori piove",
                              "il gatto dorme sul tappeto"),
                 "chatter": ("non è giusto", "guarda il mio robot", "tocca a me")},
        "held_out": {"near": ("il prossimo anno", "vai a casa", "a destra c'è il bagno",
                              "ferma la palla", "cancella la lavagna", "prima di pranzo",
                              "scegli un colore", "ripeti la domanda"),
                     "word": ("no", "grazie", "finestra", "pallone", "mamma", "dodici"),
                     "sentence": ("cosa facciamo oggi", "mio fratello ha una bici nuova",
                                  "non so come si fa"),
                     "chatter": ("silenzio per favore", "ridammelo", "ho finito")},
    },
    "es": {
        "tune": {"near": ("siguiente semana", "paso a paso", "gira la página", "vuelve a casa",
                          "ayuda a tu amigo", "elige un libro", "para de hablar", "pinta el sol"),
                 "word": ("hola", "sí", "lápiz", "maestra", "comida", "siete"),
                 "sentence": ("puedo ir al baño", "está lloviendo fuera",
                              "el gato duerme en la alfombra"),
                 "chatter": ("no es justo", "mira mi robot", "me toca a mí")},
        "held_out": {"near": ("el año anterior", "a la derecha está el baño", "sigue así",
                              "borra la pizarra", "recoge tus cosas", "quita eso",
                              "adelante por favor", "repite la pregunta"),
                     "word": ("no", "gracias", "ventana", "pelota", "mamá", "doce"),
                     "sentence": ("qué hacemos hoy", "mi hermano tiene una bici nueva",
                                  "no sé cómo se hace"),
                     "chatter": ("silencio por favor", "devuélvemelo", "he terminado")},
    },
}

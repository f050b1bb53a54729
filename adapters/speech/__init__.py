"""Speech input: voice commands decoded on the device (pocketsphinx), the grammar of command
phrases, the installed models and training a model to one learner's voice.

Nothing is imported here: numpy and pocketsphinx are optional (the ``voice`` extra), and the
app must start without them, so each caller imports the module it needs where it needs it.
"""

# CitizenCode Access switch box for the BBC micro:bit (V1 and V2), in MicroPython.
#
# Buttons A and B are switches, and so are pins P0, P1 and P2: wire a 3.5 mm switch jack
# between a pin and GND (the pin is pulled up inside, a pressed switch pulls it down).
# Flash it with the micro:bit Python editor (python.microbit.org) or `uflash main.py`.
#
# It speaks the CitizenCode line protocol over the USB cable at 115200 baud (see
# hardware/README.md): "HELLO microbit" at start and when asked with "?", then one line per
# change, "A 1" when A is pressed and "A 0" when it is released. A change counts only once
# it has held for a few milliseconds, so a bouncing contact sends one press, not several.
# The LED under each control lights while it is pressed, to check the wiring.
from microbit import button_a, button_b, display, pin0, pin1, pin2, sleep, uart

NAME = "microbit"
PERIOD_MS = 5
STABLE_SAMPLES = 3  # 15 ms

for _pin in (pin0, pin1, pin2):
    _pin.set_pull(_pin.PULL_UP)

# (name on the wire, is it pressed now?, LED x, LED y)
CONTROLS = (
    ("A", button_a.is_pressed, 0, 2),
    ("B", button_b.is_pressed, 4, 2),
    ("P0", lambda: pin0.read_digital() == 0, 1, 4),
    ("P1", lambda: pin1.read_digital() == 0, 2, 4),
    ("P2", lambda: pin2.read_digital() == 0, 3, 4),
)


def hello():
    print("HELLO " + NAME)


def answer_queries():
    if uart.any():
        data = uart.read()
        if data and b"?" in data:
            hello()


def main():
    uart.init(baudrate=115200)
    display.clear()
    hello()
    reported = [False] * len(CONTROLS)
    differing = [0] * len(CONTROLS)  # samples in a row that differ from what was reported
    while True:
        answer_queries()
        for i in range(len(CONTROLS)):
            name, is_pressed, x, y = CONTROLS[i]
            pressed = bool(is_pressed())
            if pressed == reported[i]:
                differing[i] = 0
                continue
            differing[i] += 1
            if differing[i] >= STABLE_SAMPLES:
                reported[i] = pressed
                differing[i] = 0
                print(name + (" 1" if pressed else " 0"))
                display.set_pixel(x, y, 9 if pressed else 0)
        sleep(PERIOD_MS)


main()

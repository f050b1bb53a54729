// CitizenCode Access switch box for Arduino (Uno, Nano, Mega, Leonardo, Micro, ...).
//
// Wire each 3.5 mm switch jack between a digital pin (2, 3, 4 or 5) and GND: the pin is
// pulled up inside, a pressed switch pulls it down. Open this folder in the Arduino IDE
// (or `arduino-cli compile --upload`) and upload it.
//
// It speaks the CitizenCode line protocol at 115200 baud (see hardware/README.md):
// "HELLO arduino" at start and when asked with "?", then one line per change: "P2 1" when
// the switch on pin 2 is pressed, "P2 0" when it is released. A change counts only once it
// has held for DEBOUNCE_MS, so a bouncing contact sends one press, not several.

const char DEVICE_NAME[] = "arduino";
const long BAUD = 115200;
const uint8_t PINS[] = {2, 3, 4, 5};
const uint8_t COUNT = sizeof(PINS) / sizeof(PINS[0]);
const unsigned long DEBOUNCE_MS = 15;
const unsigned long USB_WAIT_MS = 2000;

bool reported[COUNT];          // the state last sent
bool lastRead[COUNT];          // the state last read
unsigned long changedAt[COUNT];

void hello() {
  Serial.print("HELLO ");
  Serial.println(DEVICE_NAME);
}

void setup() {
  for (uint8_t i = 0; i < COUNT; i++) {
    pinMode(PINS[i], INPUT_PULLUP);
    reported[i] = false;
    lastRead[i] = false;
    changedAt[i] = 0;
  }
  Serial.begin(BAUD);
  // Boards with native USB (Leonardo, Micro): give the computer a moment to open the port.
  unsigned long start = millis();
  while (!Serial && millis() - start < USB_WAIT_MS) {
  }
  hello();
}

void loop() {
  while (Serial.available() > 0) {
    if (Serial.read() == '?') {
      hello();
    }
  }
  unsigned long now = millis();
  for (uint8_t i = 0; i < COUNT; i++) {
    bool pressed = digitalRead(PINS[i]) == LOW;
    if (pressed != lastRead[i]) {
      lastRead[i] = pressed;
      changedAt[i] = now;
    } else if (pressed != reported[i] && now - changedAt[i] >= DEBOUNCE_MS) {
      reported[i] = pressed;
      Serial.print('P');
      Serial.print(PINS[i]);
      Serial.println(pressed ? " 1" : " 0");
    }
  }
}

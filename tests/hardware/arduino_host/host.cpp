// Runs a sketch against a script read from stdin, one line per action, in time order:
//   <ms> pin <n> <0|1>     the level on pin n from that millisecond on
//   <ms> send <text>       bytes arriving on the serial port
//   <ms> end               stop
// Time advances 1 ms per loop() call. Serial output goes to stdout as the board sends it.
#include "Arduino.h"
#include <cstdio>
#include <cstring>
#include <map>
#include <string>

void setup();
void loop();

static unsigned long now_ms = 0;
static std::map<int, int> levels;
static std::map<int, int> modes;
static std::string incoming;
HostSerial Serial;

unsigned long millis() { return now_ms; }
void pinMode(uint8_t pin, uint8_t mode) { modes[pin] = mode; }
int digitalRead(uint8_t pin) {
  auto it = levels.find(pin);
  if (it != levels.end()) return it->second;
  return modes[pin] == INPUT_PULLUP ? HIGH : LOW;  // nothing connected
}
void HostSerial::begin(long) {}
HostSerial::operator bool() const { return true; }
int HostSerial::available() { return (int)incoming.size(); }
int HostSerial::read() {
  if (incoming.empty()) return -1;
  int c = (unsigned char)incoming[0];
  incoming.erase(0, 1);
  return c;
}
void HostSerial::print(const char* text) { fputs(text, stdout); }
void HostSerial::print(char c) { fputc(c, stdout); }
void HostSerial::print(unsigned char number) { printf("%u", (unsigned)number); }
void HostSerial::print(int number) { printf("%d", number); }
void HostSerial::println(const char* text) { printf("%s\r\n", text); }

int main() {
  setup();
  char line[256];
  while (fgets(line, sizeof line, stdin)) {
    unsigned long at = 0;
    char what[16] = {0};
    int used = 0;
    if (sscanf(line, "%lu %15s %n", &at, what, &used) < 2) continue;
    while (now_ms < at) { loop(); now_ms++; }
    if (strcmp(what, "pin") == 0) {
      int pin = 0, level = 0;
      sscanf(line + used, "%d %d", &pin, &level);
      levels[pin] = level;
    } else if (strcmp(what, "send") == 0) {
      std::string text(line + used);
      while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
      incoming += text;
    } else if (strcmp(what, "end") == 0) {
      break;
    }
  }
  fflush(stdout);
  return 0;
}

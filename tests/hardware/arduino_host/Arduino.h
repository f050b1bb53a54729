// Just enough of the Arduino core to run a sketch on the host, for the firmware tests.
#pragma once
#include <stdint.h>

#define INPUT 0
#define INPUT_PULLUP 2
#define LOW 0
#define HIGH 1

unsigned long millis();
void pinMode(uint8_t pin, uint8_t mode);
int digitalRead(uint8_t pin);

struct HostSerial {
  void begin(long baud);
  explicit operator bool() const;
  int available();
  int read();
  void print(const char* text);
  void print(char c);
  void print(unsigned char number);  // Arduino prints numbers in decimal
  void print(int number);
  void println(const char* text);
};

extern HostSerial Serial;

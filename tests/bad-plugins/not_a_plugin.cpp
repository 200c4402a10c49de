// A shared library that exports no plugin factory: the loader must refuse it.
extern "C" __attribute__((visibility("default"))) int some_unrelated_function() {
  return 42;
}

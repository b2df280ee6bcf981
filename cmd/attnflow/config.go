package main

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/spf13/pflag"
)

// Config is attnflow's configuration: defaults, then the TOML file, then
// environment variables, then flags — each overriding the one before.
type Config struct {
	// DataDir holds the store, the device id and the watchers' queue.
	DataDir string       `toml:"data_dir"`
	Server  ServerConfig `toml:"server"`
	Watch   WatchConfig  `toml:"watch"`
	Log     LogConfig    `toml:"log"`
}

// ServerConfig configures the HTTP server.
type ServerConfig struct {
	Host        string   `toml:"host"`
	Port        int      `toml:"port"`
	Testing     bool     `toml:"testing"`
	APIKeys     []string `toml:"api_keys"`
	CORSOrigins []string `toml:"cors_origins"`
}

// LogConfig configures structured logging.
type LogConfig struct {
	Level  string `toml:"level"`  // debug, info, warn, error
	Format string `toml:"format"` // text or json
}

// defaultConfig follows the XDG base directory specification.
func defaultConfig() Config {
	return Config{
		DataDir: filepath.Join(xdgDir("XDG_DATA_HOME", ".local/share"), "attnflow"),
		Server:  ServerConfig{Host: "127.0.0.1", Port: 5600},
		Watch:   defaultWatchConfig(),
		Log:     LogConfig{Level: "info", Format: "text"},
	}
}

func xdgDir(env, fallback string) string {
	if d := os.Getenv(env); d != "" && filepath.IsAbs(d) {
		return d
	}
	home, err := os.UserHomeDir()
	if err != nil {
		home = "."
	}
	return filepath.Join(home, fallback)
}

// defaultConfigPath is $XDG_CONFIG_HOME/attnflow/config.toml.
func defaultConfigPath() string {
	return filepath.Join(xdgDir("XDG_CONFIG_HOME", ".config"), "attnflow", "config.toml")
}

// globalFlags are the flags every subcommand shares.
type globalFlags struct {
	configPath string
	dataDir    string
	host       string
	port       int
	testing    bool
	logLevel   string
	logFormat  string
}

func (g *globalFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&g.configPath, "config", "", "config file (default $XDG_CONFIG_HOME/attnflow/config.toml; env ATTNFLOW_CONFIG)")
	fs.StringVar(&g.dataDir, "data", "", "data directory (default $XDG_DATA_HOME/attnflow; env ATTNFLOW_DATA)")
	fs.StringVar(&g.host, "host", "", "address to listen on or connect to (default 127.0.0.1; env ATTNFLOW_HOST)")
	fs.IntVar(&g.port, "port", 0, "port (default 5600, or 5666 with --testing; env ATTNFLOW_PORT)")
	fs.BoolVar(&g.testing, "testing", false, "testing mode: port 5666 and \"testing\": true, as ActivityWatch clients expect")
	fs.StringVar(&g.logLevel, "log-level", "", "log level: debug, info, warn, error (env ATTNFLOW_LOG_LEVEL)")
	fs.StringVar(&g.logFormat, "log-format", "", "log format: text or json (env ATTNFLOW_LOG_FORMAT)")
}

// load builds the effective configuration.
func (g *globalFlags) load() (Config, error) {
	cfg := defaultConfig()
	path, explicit := g.configPath, g.configPath != ""
	if env := os.Getenv("ATTNFLOW_CONFIG"); !explicit && env != "" {
		path, explicit = env, true
	}
	if path == "" {
		path = defaultConfigPath()
	}
	if err := readConfigFile(path, explicit, &cfg); err != nil {
		return cfg, err
	}
	if err := applyEnv(&cfg); err != nil {
		return cfg, err
	}
	g.applyFlags(&cfg)
	return cfg, validateConfig(cfg)
}

func readConfigFile(path string, explicit bool, cfg *Config) error {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) && !explicit {
		return nil
	} else if err != nil {
		return fmt.Errorf("read config: %w", err)
	}
	dec := toml.NewDecoder(strings.NewReader(string(b))).DisallowUnknownFields()
	if err := dec.Decode(cfg); err != nil {
		var se *toml.StrictMissingError
		if errors.As(err, &se) && len(se.Errors) > 0 {
			e := se.Errors[0]
			row, _ := e.Position()
			return fmt.Errorf("config %s line %d: unknown setting %q: check its spelling (see the README for the settings)", path, row, strings.Join(e.Key(), "."))
		}
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, col := de.Position()
			return fmt.Errorf("config %s line %d column %d: %s", path, row, col, de.Error())
		}
		return fmt.Errorf("config %s: %w", path, err)
	}
	return nil
}

func applyEnv(cfg *Config) error {
	if v := os.Getenv("ATTNFLOW_DATA"); v != "" {
		cfg.DataDir = v
	}
	if v := os.Getenv("ATTNFLOW_HOST"); v != "" {
		cfg.Server.Host = v
	}
	if v := os.Getenv("ATTNFLOW_PORT"); v != "" {
		p, err := strconv.Atoi(v)
		if err != nil {
			return fmt.Errorf("ATTNFLOW_PORT=%q is not a port number", v)
		}
		cfg.Server.Port = p
	}
	if v := os.Getenv("ATTNFLOW_API_KEY"); v != "" {
		cfg.Server.APIKeys = append(cfg.Server.APIKeys, v)
	}
	if v := os.Getenv("ATTNFLOW_LOG_LEVEL"); v != "" {
		cfg.Log.Level = v
	}
	if v := os.Getenv("ATTNFLOW_LOG_FORMAT"); v != "" {
		cfg.Log.Format = v
	}
	return nil
}

func (g *globalFlags) applyFlags(cfg *Config) {
	if g.dataDir != "" {
		cfg.DataDir = g.dataDir
	}
	if g.host != "" {
		cfg.Server.Host = g.host
	}
	if g.testing {
		cfg.Server.Testing = true
		if cfg.Server.Port == 5600 {
			cfg.Server.Port = 5666
		}
	}
	if g.port != 0 {
		cfg.Server.Port = g.port
	}
	if g.logLevel != "" {
		cfg.Log.Level = g.logLevel
	}
	if g.logFormat != "" {
		cfg.Log.Format = g.logFormat
	}
}

func validateConfig(cfg Config) error {
	if cfg.Server.Port < 1 || cfg.Server.Port > 65535 {
		return fmt.Errorf("port %d is out of range 1-65535", cfg.Server.Port)
	}
	if _, err := parseLevel(cfg.Log.Level); err != nil {
		return err
	}
	if cfg.Log.Format != "text" && cfg.Log.Format != "json" {
		return fmt.Errorf("log format %q: use text or json", cfg.Log.Format)
	}
	return nil
}

func parseLevel(s string) (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return l, fmt.Errorf("log level %q: use debug, info, warn or error", s)
	}
	return l, nil
}

// newLogger builds the one logger of the process, writing to stderr.
func newLogger(cfg LogConfig) *slog.Logger {
	level, _ := parseLevel(cfg.Level)
	opts := &slog.HandlerOptions{Level: level}
	if cfg.Format == "json" {
		return slog.New(slog.NewJSONHandler(os.Stderr, opts))
	}
	return slog.New(slog.NewTextHandler(os.Stderr, opts))
}

// baseURL is where the configured server answers.
func (c Config) baseURL() string {
	host := c.Server.Host
	if host == "0.0.0.0" || host == "" || host == "::" {
		host = "127.0.0.1"
	}
	return "http://" + hostPort(host, c.Server.Port)
}

func hostPort(host string, port int) string {
	if strings.Contains(host, ":") {
		return fmt.Sprintf("[%s]:%d", host, port)
	}
	return fmt.Sprintf("%s:%d", host, port)
}
